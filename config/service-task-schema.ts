import { z } from "zod";
import { containerSecretArn, kmsKeyArn, logRetentionDays, resourceName, secretsManagerArn } from "./primitives";
import { containerBasics, deploymentStrategyFields, productionServiceFields } from "./service-schema";
import { checkService } from "./service-checks";

/**
 * A service and its task: the main container and sidecars, task size, the rolling deployment
 * percents and the pull-budget inputs. The production fields (load balancers, task role, scaling,
 * deployment strategies) come from service-schema.ts. Every default is applied here, next to its field.
 */

const containerFields = {
  image: z.string().describe("Image as you write it: `nginx:1.27.3`, `ghcr.io/org/app:v1`, `<account>.dkr.ecr.<region>.amazonaws.com/app:3f9c2d1`."),
  imageLayers: z.number().int().min(1).max(127).default(10).describe("Layers in the image, for the pull budget. Default 10."),
  port: z.number().int().min(1).max(65535).optional().describe("Container port (TCP)."),
  environment: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name"), z.string()).default({}),
  secrets: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name"), containerSecretArn)
    .default({})
    .describe("Environment variables injected from Secrets Manager or SSM Parameter Store, by ARN."),
  pullDirect: z
    .boolean()
    .default(false)
    .describe("Pull from the upstream registry itself instead of through the cache. Default false; Docker Hub direct pulls fail the pull budget."),
  repositoryCredentialsArn: secretsManagerArn.optional().describe("For direct pulls from a private registry: the ECS repositoryCredentials secret."),
  dockerHubPlan: z
    .enum(["personal", "paid"])
    .optional()
    .describe("For direct Docker Hub pulls with repositoryCredentials: the account's plan (personal 200 pulls per 6 hours, paid unlimited)."),
  ...containerBasics,
};

const sidecar = z.strictObject({
  ...containerFields,
  essential: z.boolean().default(false).describe("Whether the task stops when this container stops. Default false."),
});

const deployment = z
  .strictObject({
    minimumHealthyPercent: z.number().int().min(0).max(100).optional().describe("Override the computed value (a warning says when it breaks the rollout rules)."),
    maximumPercent: z.number().int().min(100).max(200).optional().describe("Override the computed value."),
    minimumHealthyPercentFloor: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(100)
      .describe(
        "Lowest minimum healthy percent pullguard may choose; it goes below 100 only when that starts more tasks within the budget (150 tasks, 2 at once: 99/101). Default 100: never run below the desired count.",
      ),
    maxConcurrentStarts: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Most tasks allowed to start at once. Default: the largest burst the pull budget allows, at most 25."),
    ...deploymentStrategyFields,
  })
  .prefault({});

const FARGATE_MEMORY: Readonly<Record<number, readonly [number, number, number]>> = {
  256: [512, 2048, 512],
  512: [1024, 4096, 1024],
  1024: [2048, 8192, 1024],
  2048: [4096, 16384, 1024],
  4096: [8192, 30720, 1024],
  8192: [16384, 61440, 4096],
  16384: [32768, 122880, 8192],
};

/** Fargate accepts fixed cpu/memory pairs; a wrong pair only fails at apply time otherwise. */
export function fargateSizeProblem(cpu: number, memory: number): string | undefined {
  const range = FARGATE_MEMORY[cpu];
  if (!range) return `cpu must be one of ${Object.keys(FARGATE_MEMORY).join(", ")} on Fargate`;
  const [min, max, step] = range;
  if (cpu === 256 && ![512, 1024, 2048].includes(memory)) return "memory must be 512, 1024 or 2048 with cpu 256 on Fargate";
  if (memory < min || memory > max || (memory - min) % step !== 0) {
    return `memory must be ${min}-${max} in steps of ${step} with cpu ${cpu} on Fargate`;
  }
  return undefined;
}

const EC2_TASK_CPU_MAX = 196608;

export const service = z
  .strictObject({
    ...containerFields,
    desiredCount: z.number().int().min(1).max(5000).describe("Tasks the service runs."),
    launchType: z.enum(["FARGATE", "EC2"]).default("FARGATE"),
    cpu: z.number().int().min(128).default(256).describe("Task CPU units. Default 256."),
    memory: z.number().int().min(128).default(512).describe("Task memory (MiB). Default 512."),
    imageTagVariable: z
      .boolean()
      .default(false)
      .describe("Take the main image's tag from the Terraform variable `<service>_image_tag` at deploy time; the tag in `image` is its default."),
    logRetentionDays: logRetentionDays.default(30).describe("CloudWatch Logs retention. Default 30."),
    healthCheckGracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(2147483647)
      .default(60)
      .describe("Default 60. Emitted only when the service has a load balancer or a container health check (the only checks it delays)."),
    secretsKmsKeyArns: z.array(kmsKeyArn).default([]).describe("Customer managed keys the secrets are encrypted with (grants kms:Decrypt)."),
    sidecars: z.record(resourceName("container name", 32), sidecar).default({}),
    deployment,
    ...productionServiceFields,
  })
  .superRefine((s, ctx) => {
    // RegisterTaskDefinition: a task on EC2 takes 128 to 196608 CPU units (0.125 to 192 vCPU).
    if (s.launchType === "EC2" && s.cpu > EC2_TASK_CPU_MAX) {
      ctx.addIssue({ code: "custom", path: ["cpu"], message: `must be at most ${EC2_TASK_CPU_MAX} (192 vCPU, the ECS limit for a task on EC2)` });
    }
    checkService(s, ctx);
    if (s.launchType === "FARGATE") {
      const problem = fargateSizeProblem(s.cpu, s.memory);
      // The path already names the field: "...memory: must be 512, 1024 or 2048 with cpu 256 on Fargate".
      if (problem) {
        const field = problem.startsWith("cpu") ? "cpu" : "memory";
        ctx.addIssue({ code: "custom", path: [field], message: problem.slice(field.length + 1) });
      }
    }
  });
