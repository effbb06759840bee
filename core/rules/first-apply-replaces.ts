import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { existingPath } from "./support/existing-singletons";

/**
 * The registry singletons the config says already exist (accounts.<a>.registry.existing.<region>),
 * judged against what each registry plans: what pullguard cannot import, and what a first apply
 * replaces. Every finding is at that Region's `existing` path, on the registry stack.
 */

/** What a first apply overwrites (plan.adoption's replace lines), also a synth annotation on the stack, so a reviewer of `cdktf synth` sees it. */
export const firstApplyReplaces: Rule = {
  definition: catalogue.firstApplyReplaces,
  check: ({ plan }) =>
    plan.registries.flatMap((r) =>
      plan.adoption.filter((line) => line.action === "replace" && line.stack === r.stackName).map((line) => ({ path: existingPath(r), message: `first apply: ${line.what}`, stack: r.stackName })),
    ),
};
