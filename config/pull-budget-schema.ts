import { z } from "zod";
import { defaultedFromFields, region } from "./primitives";

/** How much of each ECR API quota a rollout may use, and the quota values the budget is checked against. */

const ecrQuota = z.strictObject({
  rate: z.number().positive().describe("Sustained calls per second."),
  burst: z.number().positive().optional().describe("Token bucket size, if you know it. Default: the rate."),
});

export const pullBudget = defaultedFromFields(
  z.strictObject({
    maxQuotaShare: z
      .number()
      .gt(0)
      .max(1)
      .default(0.5)
      .describe("Refuse to synthesize a rollout whose peak second uses more than this share of any ECR API quota. Default 0.5."),
    defaultMaxConcurrentStarts: z.number().int().min(1).default(25).describe("Upper bound on tasks starting at once per service. Default 25."),
    allowDockerHubDirect: z
      .boolean()
      .default(false)
      .describe("Let containers with pullDirect pull from Docker Hub (still refused above the 6-hour limit). Default false."),
    ecrQuotas: z
      .record(
        region,
        z.strictObject({
          GetAuthorizationToken: ecrQuota.optional().describe("L-55A41110, default 500/s"),
          BatchGetImage: ecrQuota.optional().describe("L-16E70933, default 2000/s"),
          GetDownloadUrlForLayer: ecrQuota.optional().describe("L-A60A366D, default 3000/s"),
          BatchCheckLayerAvailability: ecrQuota.optional().describe("L-B9173138, default 1000/s"),
        }),
      )
      .default({})
      .describe("Per-Region quota values (after an increase), keyed by Region. Applied to every account in that Region."),
  }),
);
