import { z } from "zod";
import { bucketNameProblem, region } from "./primitives";

/** Where Terraform keeps each stack's state: local, or an S3 bucket with native locking. */
export const backend = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("local") }),
    z.strictObject({
      type: z.literal("s3"),
      bucket: z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name")
        .superRefine((b, ctx) => {
          const problem = bucketNameProblem(b);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
      region,
      keyPrefix: z
        .string()
        .regex(/^[A-Za-z0-9!_.*'()/-]*$/)
        .optional()
        .describe("State key is `<keyPrefix>/<stack>.tfstate`. Default: the project name, so two projects sharing a bucket never share a key."),
      key: z.string().min(1).optional().describe("Full state key; overrides keyPrefix. Only under stackBackends: at the top level every stack would share it."),
      useLockfile: z.boolean().default(true).describe("S3-native state locking. Default true."),
      encrypt: z.boolean().default(true),
    }),
  ])
  .describe("Terraform backend. Default local, relative to the stack directory.");
