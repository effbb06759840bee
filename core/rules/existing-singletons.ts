import { quoted } from "../../config/problems";
import type { ExistingSingletons, RegistryPlan } from "../model/plan-types";
import * as catalogue from "./catalogue";
import type { Rule, RuleViolation } from "./rule";

/**
 * The registry singletons the config says already exist (accounts.<a>.registry.existing.<region>),
 * judged against what each registry plans: what pullguard cannot import, and what a first apply
 * replaces. Every finding is at that Region's `existing` path, on the registry stack.
 */

function existingPath(r: RegistryPlan): string {
  return `accounts.${r.accountAlias}.registry.existing.${r.region}`;
}

function perExisting(registries: readonly RegistryPlan[], judge: (existing: ExistingSingletons, registry: RegistryPlan, path: string) => { path: string; message: string }[]): RuleViolation[] {
  return registries.flatMap((r) => (r.existing ? judge(r.existing, r, existingPath(r)).map((hit) => ({ ...hit, stack: r.stackName })) : []));
}

/** An existing singleton pullguard plans nothing for is left alone: no import, no change. */
export const existingUnmanaged: Rule = {
  definition: catalogue.existingUnmanaged,
  check: ({ plan }) =>
    perExisting(plan.registries, (existing, r, path) => [
      ...(existing.replicationConfiguration && r.replicationRules.length === 0
        ? [{ path: `${path}.replicationConfiguration`, message: "exists, but pullguard plans no replication here, so it stays unmanaged (and unchanged)" }]
        : []),
      ...(existing.registryPolicy && r.registryPolicy === undefined ? [{ path: `${path}.registryPolicy`, message: "exists, but pullguard needs no registry policy here, so it stays unmanaged (and unchanged)" }] : []),
    ]),
};

/** A cache rule can be imported only where the registry plans one with that prefix. */
export const existingCacheRule: Rule = {
  definition: catalogue.existingCacheRule,
  check: ({ plan }) =>
    perExisting(plan.registries, (existing, r, path) =>
      existing.pullThroughCacheRules
        .filter((prefix) => !r.cacheRules.some((rule) => rule.prefix === prefix))
        .map((prefix) => ({ path: `${path}.pullThroughCacheRules`, message: `lists ${quoted(prefix)}, but this registry plans no cache rule with that prefix` })),
    ),
};

/** An existing credential secret is imported for a rule whose credential pullguard creates, from the registry's own account and Region. */
export const existingCredentialSecret: Rule = {
  definition: catalogue.existingCredentialSecret,
  check: ({ plan }) =>
    perExisting(plan.registries, (existing, r, path) =>
      Object.entries(existing.credentialSecrets).flatMap(([prefix, arn]) => {
        const at = `${path}.credentialSecrets.${prefix}`;
        if (r.cacheRules.find((rule) => rule.prefix === prefix)?.credential?.source !== "create") {
          return [{ path: at, message: "names no cache rule of this registry whose credential pullguard creates (source: create)" }];
        }
        const where = arn.split(":");
        return where[3] !== r.region || where[4] !== r.account ? [{ path: at, message: `is in ${where[4]}/${where[3]}, not this registry's ${r.account}/${r.region}` }] : [];
      }),
    ),
};

/** What a first apply overwrites (plan.adoption's replace lines), also a synth annotation on the stack, so a reviewer of `cdktf synth` sees it. */
export const firstApplyReplaces: Rule = {
  definition: catalogue.firstApplyReplaces,
  check: ({ plan }) =>
    plan.registries.flatMap((r) =>
      plan.adoption.filter((line) => line.action === "replace" && line.stack === r.stackName).map((line) => ({ path: existingPath(r), message: `first apply: ${line.what}`, stack: r.stackName })),
    ),
};
