import { planErrors } from "../../helpers/config-cases";
import type { PlatformConfigInput } from "../../../config/schema";
import { policyDocument } from "../../../core/iam/policy";
import { iamPolicyCharacters, policiesOverLimit, policyTextCharacters } from "../../../core/iam/size";
import type { EnvironmentPlan, RegistryPlan } from "../../../core/model/plan-types";

/**
 * Size limits of the policy documents pullguard builds (issue 19 item 6): each an error at the
 * config path that grew the document. Every figure is counted by hand below.
 */
const A = "111111111111";
const VPC = { id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-0123456789abcdef0"], privateRouteTableIds: ["rtb-0123456789abcdef0"] };
const WEB = "environments.prod.services.web";
type Service = NonNullable<PlatformConfigInput["environments"][string]["services"]>[string];
type Registry = NonNullable<PlatformConfigInput["accounts"][string]["registry"]>;

function config(service: Partial<Service>, registry: Partial<Registry> = {}): PlatformConfigInput {
  return {
    accounts: { main: { id: A, registry: { pullThroughCache: { ecrPublic: true }, ...registry } } },
    environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { web: { image: "public.ecr.aws/nginx/nginx:1.27.3", desiredCount: 2, ...service } } } },
  };
}

function errors(input: PlatformConfigInput): string[] {
  return planErrors(input).map((f) => `${f.path}: ${f.message}`);
}

/** arn:aws:s3:::bucket/key-000 .. : 27 characters each, 29 quoted. */
const keys = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket/key-${String(i).padStart(3, "0")}`);
const taskRole = (resources: string[]) => ({ taskRole: { statements: [{ actions: ["s3:GetObject"], resources }] } });

const ADVICE = "split the grants (wildcards in resource ARNs, fewer resources per role) or attach a managed policy you own";

describe("counting", () => {
  test("IAM does not count white space; ECR and VPC count every character", () => {
    const doc = { a: "b c" }; // {"a":"b c"}: 11 characters, 10 without the space
    expect(policyTextCharacters(doc)).toBe(11);
    expect(iamPolicyCharacters(doc)).toBe(10);
  });
});

describe("task role inline policy: 10,240 characters", () => {
  // {"Version":"2012-10-17","Statement":[{"Sid":"Statement1","Effect":"Allow","Action":"s3:GetObject","Resource":[]}]} is 114
  // characters; each resource adds 29 and a comma. 336 keys and one 44-character filler: 114 + 336 x 30 + 46 = 10,240.
  const filler = (length: number) => `arn:aws:s3:::bucket/${"p".repeat(length - 20)}`;

  test("exactly 10,240 passes", () => {
    expect(errors(config(taskRole([...keys(336), filler(44)])))).toEqual([]);
  });

  test("10,241 is refused at the statement that grew it", () => {
    // The statement is the document less {"Version":"2012-10-17","Statement":[ and ]}: 10,241 - 39 = 10,202.
    expect(errors(config(taskRole([...keys(336), filler(45)])))).toEqual([
      `${WEB}.taskRole.statements[0]: makes the inline policy of task role pullguard--prod--web-task 10241 characters; IAM allows 10240 for all inline policies of a role, not counting white space. Its largest statement is Statement1 (10202 characters): ${ADVICE}`,
    ]);
  });

  test("500 resources are refused with the figure: 114 + 500 x 29 + 499 commas = 15,113", () => {
    expect(errors(config(taskRole(keys(500))))).toEqual([
      `${WEB}.taskRole.statements[0]: makes the inline policy of task role pullguard--prod--web-task 15113 characters; IAM allows 10240 for all inline policies of a role, not counting white space. Its largest statement is Statement1 (15074 characters): ${ADVICE}`,
    ]);
  });

  test("the second statement, when it is the largest, is the path", () => {
    const statements = [
      { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::small/*"] },
      { actions: ["s3:PutObject"], resources: keys(400) },
    ];
    const lines = errors(config({ taskRole: { statements } }));
    expect(lines.map((l) => l.split(":")[0])).toEqual([`${WEB}.taskRole.statements[1]`]);
  });
});

describe("registry policy: 10,240 characters, white space included", () => {
  test("a large registryPolicyStatements entry is refused at its index", () => {
    const statement = { Sid: "ReadAll", Effect: "Allow" as const, Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "ecr:BatchGetImage", Resource: keys(400).map((k) => k.replace("arn:aws:s3:::bucket/", `arn:aws:ecr:us-east-1:${A}:repository/`)) };
    const lines = errors(config({}, { registryPolicyStatements: [statement] }));
    expect(lines.map((l) => l.split(": makes")[0])).toEqual(["accounts.main.registry.registryPolicyStatements[0]"]);
    expect(lines[0]).toContain("ECR allows 10240. Its largest statement is ReadAll");
  });
});

describe("every document of the plan is checked", () => {
  test("a VPC endpoint policy over 20,480 characters is refused at the environment's endpoints", () => {
    // {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*","Resource":[]}]} is 104
    // characters; 700 keys add 700 x 29 + 699 commas = 20,999: 21,103 in all.
    const policy = policyDocument([{ Effect: "Allow", Principal: "*", Action: "ecr:*", Resource: keys(700) }]);
    const env = { environment: "prod", stackName: "prod", executionRoles: [], services: [], endpoints: [{ service: "ecr.api", mode: "create", policy }] } as unknown as EnvironmentPlan;
    const found = policiesOverLimit({ environments: [env], registries: [] });
    expect(found.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "environments.prod.endpoints: makes the endpoint policy of the ecr.api endpoint 21103 characters; a VPC endpoint policy may have 20480, white space included. Its largest statement is statement 1 (21064 characters): fewer accounts or repositories in the endpoint's scope",
    ]);
  });

  test("the ECR-to-ECR role points at pullThroughCache.ecr, the template role at repositoryTemplates", () => {
    const big = policyDocument([{ Sid: "ReadUpstreamImages", Effect: "Allow", Action: "ecr:BatchGetImage", Resource: keys(400) }]);
    const trust = policyDocument([{ Effect: "Allow", Principal: { Service: "pullthroughcache.ecr.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    const registry = {
      accountAlias: "main",
      account: A,
      region: "us-east-1",
      stackName: "registry-main-us-east-1",
      upstreamRole: { name: "upstream", arn: "arn", trustPolicy: trust, policy: big },
      templateSettings: { customRolePolicies: { trustPolicy: trust, policy: big } },
    } as unknown as RegistryPlan;
    const found = policiesOverLimit({ environments: [], registries: [registry] });
    expect(found.map((f) => f.path)).toEqual(["accounts.main.registry.pullThroughCache.ecr", "accounts.main.registry.repositoryTemplates"]);
  });

  test("a shared execution role points at executionRoles; its trust policy is within 2,048", () => {
    const big = policyDocument([{ Sid: "ReadContainerSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: keys(400) }]);
    const trust = policyDocument([{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    const env = { environment: "prod", stackName: "prod", executionRoles: [{ name: "shared", services: ["a", "b"], trustPolicy: trust, policy: big }], services: [], endpoints: [] } as unknown as EnvironmentPlan;
    const found = policiesOverLimit({ environments: [env], registries: [] });
    expect(found.map((f) => f.path)).toEqual(["environments.prod.executionRoles"]);
    expect(found[0]!.message).toContain("use executionRoles: per-service");
  });
});
