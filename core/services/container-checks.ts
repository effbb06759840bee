import type { FindingDefinition } from "../model/findings";
import type { ContainerPlan } from "../model/plan-types";
import { secretName, secretValue } from "../rules/catalogue";
import { secretContext, secretKindInArgument, secretKindInText } from "./secret-values";

/**
 * Plaintext secrets in a container definition: ECS accepts them, and they land in the task
 * definition and in Terraform state. Every string pullguard renders into a container definition is
 * looked at: environment (names and values), command, entryPoint, healthCheck.command,
 * workingDirectory, user, of every container. The value itself is never quoted.
 */

/** Names that end in one of these words hold a secret: DB_PASSWORD, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY. */
const SECRET_NAME = /(?:^|_)(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)$/i;

const IN_ENVIRONMENT = "plaintext environment values end up in the task definition and Terraform state: move it to secrets (a Secrets Manager or SSM ARN)";
const IN_COMMAND =
  "command lines end up in the task definition and Terraform state: put the secret in secrets (a Secrets Manager or SSM ARN, injected as an environment variable) and read that variable instead";

export interface SecretSighting {
  /** Config path of the string, e.g. environments.prod.services.api.command[1]. */
  readonly path: string;
  /** PG-SECRET-NAME or PG-SECRET-VALUE: suppressible with a reason (config `suppressions`). */
  readonly rule: FindingDefinition;
  readonly message: string;
}

/** Problems with one container's environment, by variable. */
export function plaintextSecretProblems(environment: Readonly<Record<string, string>>): { name: string; rule: SecretSighting["rule"]; message: string }[] {
  const out: { name: string; rule: SecretSighting["rule"]; message: string }[] = [];
  for (const [name, value] of Object.entries(environment)) {
    if (value === "") continue;
    if (SECRET_NAME.test(name)) {
      out.push({ name, rule: secretName, message: `looks like a secret by its name; ${IN_ENVIRONMENT}` });
      continue;
    }
    const kind = secretKindInText(value, secretContext(value, name));
    if (kind) out.push({ name, rule: secretValue, message: `its value looks like ${kind}; ${IN_ENVIRONMENT}` });
  }
  return out;
}

function argumentSightings(args: readonly string[] | undefined, path: string): SecretSighting[] {
  if (!args) return [];
  const context = secretContext(args.join(" "));
  return args.flatMap((_, i) => {
    const kind = secretKindInArgument(args, i, context);
    return kind ? [{ path: `${path}[${i}]`, rule: secretValue, message: `looks like ${kind}; ${IN_COMMAND}` } as const] : [];
  });
}

function textSighting(text: string | undefined, path: string): SecretSighting[] {
  const kind = text === undefined ? undefined : secretKindInText(text);
  return kind ? [{ path, rule: secretValue, message: `looks like ${kind}; ${IN_COMMAND}` }] : [];
}

/** Every plaintext secret in one container definition; `at` is the container's config path. */
export function containerSecretSightings(container: ContainerPlan, at: string): SecretSighting[] {
  const s = container.settings;
  return [
    ...plaintextSecretProblems(container.environment).map((p) => ({ path: `${at}.environment.${p.name}`, rule: p.rule, message: p.message })),
    ...argumentSightings(s.command, `${at}.command`),
    ...argumentSightings(s.entryPoint, `${at}.entryPoint`),
    ...argumentSightings(s.healthCheck?.command, `${at}.healthCheck.command`),
    ...textSighting(s.workingDirectory, `${at}.workingDirectory`),
    ...textSighting(s.user, `${at}.user`),
  ];
}
