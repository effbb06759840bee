/** Secret-looking names and values in containers' plain environment, for PG-SECRET-NAME and PG-SECRET-VALUE. */
import { containerSecretSightings } from "../../services/container-checks";
import type { FindingDefinition } from "../../model/findings";
import type { RuleContext, RuleViolation } from "../rule";

/**
 * Plaintext secrets in the container definitions of the plan (core/services/container-checks.ts
 * says what looks like one): ECS accepts them, and they land in the task definition and in
 * Terraform state. Errors, but suppressible: a reviewed false positive can be accepted.
 */
export function sightings(definition: FindingDefinition, { plan }: RuleContext): RuleViolation[] {
  return plan.environments.flatMap((env) =>
    env.services.flatMap((service) =>
      service.containers.flatMap((container) => {
        const at = container.name === service.name ? service.configPath : `${service.configPath}.sidecars.${container.name}`;
        return containerSecretSightings(container, at)
          .filter((sighting) => sighting.rule.id === definition.id)
          .map((sighting) => ({ stack: env.stackName, path: sighting.path, message: sighting.message }));
      }),
    ),
  );
}
