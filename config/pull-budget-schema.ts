import { z } from "zod";
import { defaultedFromFields, region } from "./primitives";

/** How much of each ECR API quota a rollout may use, and the quota values the budget is checked against. */

const ecrQuota = z.strictObject({
  rate: z.number().positive().describe("Sustained calls per second."),
  burst: z.number().positive().optional().describe("Token bucket size, if you know it. Default: the rate."),
});

const launchBucket = z.strictObject({
  burst: z.number().int().positive().describe("Tasks launched at once from a full bucket."),
  rate: z.number().positive().describe("Tasks per second the bucket refills."),
});

/** Fargate's running vCPU quotas and launch buckets, per account and Region (docs/quotas.md, "Fargate"). */
const fargateBudget = defaultedFromFields(
  z.strictObject({
    maxVcpuShare: z
      .number()
      .gt(0)
      .max(1)
      .default(0.8)
      .describe("Refuse a service, or an account and Region, whose peak running vCPU (every deployment at its peak) passes this share of a Fargate vCPU quota. Default 0.8."),
    quotas: z
      .record(
        region,
        z.strictObject({
          onDemandVcpu: z.number().positive().optional().describe("L-3032A538 Fargate On-Demand vCPU resource count, default 4000"),
          spotVcpu: z.number().positive().optional().describe("L-36FBB829 Fargate Spot vCPU resource count, default 4000"),
          onDemandLaunch: launchBucket.optional().describe("Fargate On-Demand task launch bucket, default 100 burst, 20/s"),
          spotLaunch: launchBucket.optional().describe("Fargate Spot task launch bucket, default 100 burst, 20/s"),
        }),
      )
      .default({})
      .describe("Per-Region Fargate quota values (your account's applied values: new accounts often start far below the 4000 default), keyed by Region. Applied to every account in that Region."),
  }),
);

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
    fargate: fargateBudget.describe("Fargate vCPU quotas and task launch buckets the pull budget checks (On-Demand and Spot apart)."),
  }),
);
