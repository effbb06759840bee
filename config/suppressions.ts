import { z } from "zod";

/**
 * A finding a team has decided to accept, cdk-nag style: which rule, at which config path, and why.
 * The reason is mandatory so that a suppression documents a decision rather than silences a check;
 * suppressed findings stop nothing and are listed, with their reasons, in the pull-budget report.
 */
export const suppression = z
  .strictObject({
    rule: z
      .string()
      .regex(/^PG-[A-Z0-9-]+$/, "must be a pullguard rule id such as PG-ROLLOUT-BURST")
      .describe("Rule id of the finding, as printed in brackets (e.g. PG-ROLLOUT-BURST)."),
    path: z.string().min(1, "must name the config path of the finding").describe("Config path of the finding, exactly as printed (e.g. environments.prod.services.api.deployment)."),
    reason: z
      .string()
      .refine((r) => r.trim().length >= 10, "must say why the finding is accepted (at least 10 characters)")
      .describe("Why the finding is accepted; shown in the pull-budget report."),
  })
  .describe("A rule finding accepted on purpose.");

export const suppressions = z
  .array(suppression)
  .default([])
  .describe("Rule findings accepted on purpose, each with its reason. A suppression that matches no finding is a warning (PG-SUPPRESSION-UNUSED); one naming an unknown id or a config error, which cannot be suppressed, is refused (PG-SUPPRESSION-REFUSED). docs/findings.md lists every id. Default none.");
