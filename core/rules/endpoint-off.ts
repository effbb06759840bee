import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * An endpoint turned off while the stack needs it (recorded on the plan with what needs it): that
 * traffic leaves through NAT, which costs per GB and shares the NAT's IPs.
 */
export const endpointOff: Rule = {
  definition: catalogue.endpointOff,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.endpointsOff.flatMap(({ key, neededFor }) =>
        neededFor === undefined ? [] : [{ stack: env.stackName, path: `environments.${env.environment}.endpoints.${key}`, message: `is off, but ${neededFor} needs it: that traffic leaves through NAT` }],
      ),
    ),
};
