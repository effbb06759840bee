import type { ContainerPlan } from "./plan-types";

/**
 * Container-level checks AWS does not do for us at plan time: a plaintext secret in `environment`
 * is accepted by ECS and lands in the task definition and Terraform state, and an oversized task
 * definition only fails at apply time.
 */

/** Names that end in one of these words hold a secret: DB_PASSWORD, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY. */
const SECRET_NAME = /(?:^|_)(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)$/i;

const SECRET_SHAPES: readonly { readonly pattern: RegExp; readonly shape: string }[] = [
  { pattern: /(?:^|[^A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?:$|[^A-Z0-9])/, shape: "an AWS access key id" },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, shape: "a private key" },
  { pattern: /(?:^|[^A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/, shape: "a JSON Web Token" },
];

const MOVE_IT = "plaintext environment values end up in the task definition and Terraform state: move it to secrets (a Secrets Manager or SSM ARN)";

/** Problems with one container's environment, by variable; the value itself is never quoted. */
export function plaintextSecretProblems(environment: Readonly<Record<string, string>>): { name: string; message: string }[] {
  const out: { name: string; message: string }[] = [];
  for (const [name, value] of Object.entries(environment)) {
    if (value === "") continue;
    if (SECRET_NAME.test(name)) {
      out.push({ name, message: `looks like a secret by its name; ${MOVE_IT}` });
      continue;
    }
    const shape = SECRET_SHAPES.find((s) => s.pattern.test(value));
    if (shape) out.push({ name, message: `its value looks like ${shape.shape}; ${MOVE_IT}` });
  }
  return out;
}

/** RegisterTaskDefinition refuses a task definition over 64 KiB (docs/aws-facts.md). */
export const TASK_DEFINITION_MAX_BYTES = 64 * 1024;

/**
 * Bytes of the container definitions JSON as modules/ecs-service.ts renders it, give or take the
 * image tag variable; the rest of a task definition is a few hundred bytes, counted as 1 KiB.
 */
export function taskDefinitionBytes(containers: readonly ContainerPlan[], logGroup: string, region: string): number {
  const definitions = containers.map((c) => ({
    name: c.name,
    image: `${c.image.repositoryUri}:${c.image.tag ?? ""}@${c.image.digest ?? ""}`,
    essential: c.essential,
    portMappings: c.port !== undefined ? [{ containerPort: c.port, protocol: "tcp" }] : [],
    environment: Object.entries(c.environment).map(([name, value]) => ({ name, value })),
    secrets: Object.entries(c.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
    repositoryCredentials: c.repositoryCredentialsArn ? { credentialsParameter: c.repositoryCredentialsArn } : {},
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroup, "awslogs-region": region, "awslogs-stream-prefix": c.name } },
  }));
  return Buffer.byteLength(JSON.stringify(definitions), "utf8") + 1024;
}
