import { parseConfig } from "../../../config/load";
import type { PlatformConfigInput } from "../../../config/schema";
import { planPlatform } from "../../../core/plan";

/**
 * The cases through the whole planner: secrets outside `environment` and under innocent
 * names are errors with a rule id at their path, never with the value; a suppression with a reason
 * lets a reviewed false positive through.
 */
const A = "111111111111";
const VPC = { id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-0123456789abcdef0"], privateRouteTableIds: ["rtb-0123456789abcdef0"] };
const WEB = "environments.prod.services.web";
const KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE";
const GITHUB = "ghp" + "_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
const STRIPE = "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc";
type Service = NonNullable<PlatformConfigInput["environments"][string]["services"]>[string];

function config(service: Partial<Service>, extra: Partial<PlatformConfigInput> = {}): PlatformConfigInput {
  return {
    accounts: { main: { id: A, registry: { pullThroughCache: { ecrPublic: true } } } },
    environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { web: { image: "public.ecr.aws/nginx/nginx:1.27.3", desiredCount: 2, ...service } } } },
    ...extra,
  };
}

function plan(input: PlatformConfigInput) {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return planPlatform(result.config);
}

function errors(input: PlatformConfigInput): string[] {
  return plan(input)
    .findings.filter((f) => f.level === "error")
    .map((f) => `${f.rule ?? "-"} ${f.path}: ${f.message}`);
}

const COMMAND = "command lines end up in the task definition and Terraform state: put the secret in secrets (a Secrets Manager or SSM ARN, injected as an environment variable) and read that variable instead";
const ENVIRONMENT = "plaintext environment values end up in the task definition and Terraform state: move it to secrets (a Secrets Manager or SSM ARN)";

test("flags in command: each argument at its index", () => {
  expect(errors(config({ command: [`--aws-key=${KEY_ID}`, "--db-password=Sup3rS3cret"] }))).toEqual([
    `PG-SECRET-VALUE ${WEB}.command[0]: looks like an AWS access key id; ${COMMAND}`,
    `PG-SECRET-VALUE ${WEB}.command[1]: looks like a secret given as a command-line flag; ${COMMAND}`,
  ]);
});

test("a health check running curl -u", () => {
  expect(errors(config({ healthCheck: { command: ["CMD-SHELL", "curl -fsS -u admin:pw http://localhost/health || exit 1"] } }))).toEqual([
    `PG-SECRET-VALUE ${WEB}.healthCheck.command[1]: looks like a user:password pair (curl -u); ${COMMAND}`,
  ]);
});

test("secret values under innocent names, in the main container and a sidecar", () => {
  const sidecars = { agent: { image: "public.ecr.aws/nginx/nginx:1.27.3", environment: { UPSTREAM_TOKEN_SOURCE: GITHUB } } };
  expect(errors(config({ environment: { DATABASE_URL: "postgres://app:Sup3rS3cret@db/app", PAYMENTS: STRIPE }, sidecars }))).toEqual([
    `PG-SECRET-VALUE ${WEB}.environment.DATABASE_URL: its value looks like a URL with a password (scheme://user:password@host); ${ENVIRONMENT}`,
    `PG-SECRET-VALUE ${WEB}.environment.PAYMENTS: its value looks like a Stripe live key; ${ENVIRONMENT}`,
    `PG-SECRET-VALUE ${WEB}.sidecars.agent.environment.UPSTREAM_TOKEN_SOURCE: its value looks like a GitHub token; ${ENVIRONMENT}`,
  ]);
});

test("no finding, suppressed or not, holds any part of a value", () => {
  const result = plan(config({ environment: { DATABASE_URL: "postgres://app:Sup3rS3cret@db/app", PAYMENTS: STRIPE }, command: [`--aws-key=${KEY_ID}`, GITHUB] }));
  const text = JSON.stringify([result.findings, result.suppressed]);
  for (const fragment of ["Sup3rS3cret", STRIPE.slice(0, 12), KEY_ID.slice(0, 8), GITHUB.slice(0, 8)]) expect(text).not.toContain(fragment);
});

describe("suppressions", () => {
  const reason = "a public demo token of the vendor's sandbox (ticket SEC-88)";

  test("PG-SECRET-VALUE at its path, with a reason, lets the service through and is listed as suppressed", () => {
    const input = config({ environment: { SANDBOX: GITHUB } }, { suppressions: [{ rule: "PG-SECRET-VALUE", path: `${WEB}.environment.SANDBOX`, reason }] });
    const result = plan(input);
    expect(result.findings.filter((f) => f.level === "error")).toEqual([]);
    expect(result.suppressed.map((f) => [f.rule, f.path, f.reason])).toEqual([["PG-SECRET-VALUE", `${WEB}.environment.SANDBOX`, reason]]);
    expect(result.environments[0]!.services.map((s) => s.name)).toEqual(["web"]);
  });

  test("a suppression at another path suppresses nothing and is itself reported", () => {
    const input = config({ environment: { SANDBOX: GITHUB } }, { suppressions: [{ rule: "PG-SECRET-VALUE", path: `${WEB}.command[0]`, reason }] });
    expect(errors(input)).toEqual([`PG-SECRET-VALUE ${WEB}.environment.SANDBOX: its value looks like a GitHub token; ${ENVIRONMENT}`]);
  });
});
