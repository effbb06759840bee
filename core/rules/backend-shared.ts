import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * Two stacks writing one state file is the worst failure a backend can have: the second apply sees
 * the first stack's resources as removed from config and destroys them. Stacks are judged in plan
 * order (environments, then registries); the finding points at the stackBackends entry that causes
 * the clash, or at the shared backend when neither stack has one.
 */
export const backendShared: Rule = {
  definition: catalogue.backendShared,
  check: ({ plan }) => {
    const own = new Set(plan.ownBackendStacks);
    const owners = new Map<string, string>();
    const stackNames = [...plan.environments.map((e) => e.stackName), ...plan.registries.map((r) => r.stackName)];
    return stackNames.flatMap((name) => {
      const backend = plan.backends[name];
      if (backend === undefined) return [];
      const location = backend.type === "s3" ? `s3://${backend.bucket}/${backend.key}` : backend.path;
      const owner = owners.get(location);
      if (owner === undefined) {
        owners.set(location, name);
        return [];
      }
      const path = own.has(name) ? `stackBackends.${name}` : own.has(owner) ? `stackBackends.${owner}` : "backend";
      return [{ path, message: `stores state at ${location}, which stack ${path === `stackBackends.${owner}` ? name : owner} also uses; every stack needs its own state` }];
    });
  },
};
