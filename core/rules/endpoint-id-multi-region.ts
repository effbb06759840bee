import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * An existing endpoint id belongs to one VPC in one Region: set at the environment level of an
 * environment that runs in several Regions, it is every Region's default and wrong in all but one.
 * Reported once per environment and key, at the environment's path (it is no one stack's mistake).
 */
export const endpointIdMultiRegion: Rule = {
  definition: catalogue.endpointIdMultiRegion,
  check: ({ plan }) => {
    const regions = new Map<string, number>();
    for (const env of plan.environments) regions.set(env.environment, (regions.get(env.environment) ?? 0) + 1);
    const judged = new Set<string>();
    return plan.environments.flatMap((env) => {
      const count = regions.get(env.environment)!;
      if (count < 2 || judged.has(env.environment)) return [];
      judged.add(env.environment);
      const base = `environments.${env.environment}`;
      return env.environmentEndpointIds.map((key) => ({
        path: `${base}.endpoints.${key}`,
        message: `is an existing endpoint id, which belongs to one VPC in one Region, but the environment runs in ${count} Regions; set it under ${base}.regions.<region>.endpoints.${key}`,
      }));
    });
  },
};
