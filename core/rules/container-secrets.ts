import { containerSecretSightings } from "../services/container-checks";
import type { FindingDefinition } from "../model/findings";
import * as catalogue from "./catalogue";
import type { Rule, RuleContext, RuleViolation } from "./rule";

/**
 * Plaintext secrets in the container definitions of the plan (core/services/container-checks.ts
 * says what looks like one): ECS accepts them, and they land in the task definition and in
 * Terraform state. Errors, but suppressible: a reviewed false positive can be accepted.
 */
function sightings(definition: FindingDefinition, { plan }: RuleContext): RuleViolation[] {
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

/** An environment variable named like a secret (DB_PASSWORD, GITHUB_TOKEN) with a value. */
export const secretByName: Rule = { definition: catalogue.secretName, check: (ctx) => sightings(catalogue.secretName, ctx) };

/** A value that looks like a secret (a key, a token, a password argument) in the environment or a command line. */
export const secretByValue: Rule = { definition: catalogue.secretValue, check: (ctx) => sightings(catalogue.secretValue, ctx) };
