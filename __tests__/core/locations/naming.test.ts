import { parseConfig } from "../../../config/load";
import { platform } from "../../../config/platform";
import type { PlatformConfigInput } from "../../../config/schema";
import { duplicateNames, shortened } from "../../../core/locations/naming";
import { planPlatform } from "../../../core/plan";
import { resources, synthesize, validConfig, type TfJson } from "../../helpers/synth";

/**
 * Names AWS keys per account or Region (issue 9, "State and names"): they must not collide across
 * environments or across two projects in one account, must fit AWS's length limits, and state keys
 * must never be shared by two stacks.
 */
const ACCOUNT = "111111111111";
const VPC = { id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-0123456789abcdef0"], privateRouteTableIds: ["rtb-0123456789abcdef0"] };

function base(environments: PlatformConfigInput["environments"], extra: Partial<PlatformConfigInput> = {}): PlatformConfigInput {
  return {
    accounts: { main: { id: ACCOUNT, registry: { pullThroughCache: { ecrPublic: true } } } },
    environments,
    ...extra,
  };
}

const IMAGE = "public.ecr.aws/nginx/nginx:1.27.3";

/** Every name-like attribute of the resources AWS keys per account or Region. */
function awsNames(json: Readonly<Record<string, TfJson>>): string[] {
  const out: string[] = [];
  for (const stack of Object.values(json)) {
    for (const [type, key] of [
      ["aws_iam_role", "name"],
      ["aws_security_group", "name"],
      ["aws_ecs_task_definition", "family"],
      ["aws_cloudwatch_log_group", "name"],
      ["aws_ecs_cluster", "name"],
      ["aws_cloudwatch_event_rule", "name"],
    ] as const) {
      for (const r of resources(stack, type)) out.push(`${type}:${r[key]}`);
    }
  }
  return out;
}

describe("names AWS keys per account or Region", () => {
  test("environment a + service b-c and environment a-b + service c do not collide", () => {
    const result = synthesize(
      base({
        a: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { "b-c": { image: IMAGE, desiredCount: 1 } } },
        "a-b": { account: "main", regions: { "us-east-1": { vpc: { ...VPC, id: "vpc-0123456789abcdef1" } } }, services: { c: { image: IMAGE, desiredCount: 1 } } },
      }),
    );
    const names = awsNames(result.json);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        "aws_iam_role:pullguard--a--b-c-exec",
        "aws_iam_role:pullguard--a-b--c-exec",
        "aws_ecs_task_definition:pullguard--a--b-c",
        "aws_ecs_task_definition:pullguard--a-b--c",
        "aws_security_group:pullguard--a--b-c-tasks",
        "aws_security_group:pullguard--a-b--c-tasks",
        "aws_cloudwatch_log_group:/ecs/pullguard/a/b-c",
        "aws_cloudwatch_log_group:/ecs/pullguard/a-b/c",
        "aws_ecs_cluster:pullguard--a",
        "aws_ecs_cluster:pullguard--a-b",
      ]),
    );
  });

  test("two projects in one account get disjoint names", () => {
    const env = { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { web: { image: IMAGE, desiredCount: 1 } } } };
    const one = awsNames(synthesize(base(env, { project: "shop" })).json);
    const two = awsNames(synthesize(base(env, { project: "billing" })).json);
    expect(one.filter((n) => two.includes(n))).toEqual([]);
    expect(one).toContain("aws_iam_role:shop--prod--web-exec");
    expect(two).toContain("aws_iam_role:billing--prod--web-exec");
  });

  test("a long name is shortened with a stable hash within the IAM limit of 64 characters", () => {
    // 9 + 2 + 20 + 2 + 28 + 5 = 66 characters: over the limit.
    const full = `pullguard--${"e".repeat(20)}--${"s".repeat(28)}-exec`;
    expect(full).toHaveLength(66);
    const short = shortened(full, 64);
    expect(short).toHaveLength(64);
    // The first 64 - 9 = 55 characters ("pullguard--", 20 "e", "--", 22 "s"), "-", then the first 8 hex
    // digits of the full name's SHA-256 (`printf %s <full> | sha256sum` gives a29e9036...).
    expect(short).toBe(`pullguard--${"e".repeat(20)}--${"s".repeat(22)}-a29e9036`);
    expect(shortened("short-name", 64)).toBe("short-name");
    const result = synthesize(base({ ["e".repeat(20)]: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { ["s".repeat(28)]: { image: IMAGE, desiredCount: 1 } } } }));
    const roles = Object.values(result.json).flatMap((s) => resources(s, "aws_iam_role").map((r) => r.name as string));
    expect(roles).toEqual([short]);
  });

  test("the uniqueness check reports a repeated name at the second owner's config path", () => {
    expect(
      duplicateNames([
        { scope: "iam:111111111111", name: "x", path: "environments.a.services.b" },
        { scope: "iam:111111111111", name: "y", path: "environments.a.services.c" },
        { scope: "iam:222222222222", name: "x", path: "environments.d.services.b" },
        { scope: "iam:111111111111", name: "x", path: "environments.e.services.f" },
      ]),
    ).toEqual([{ path: "environments.e.services.f", message: 'gives name "x", which environments.a.services.b also gives (iam:111111111111); rename one' }]);
  });

  test("a capacity provider name may not begin with aws, ecs or fargate", () => {
    const config = base(
      { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { web: { image: IMAGE, desiredCount: 1, launchType: "EC2" } } } },
      { project: "ecs-apps" },
    );
    const errors = planPlatform(validConfig(config)).findings.filter((f) => f.level === "error");
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'project: gives capacity provider name "ecs-apps--prod-ec2", but ECS refuses capacity provider names that begin with aws, ecs or fargate; choose another project name',
    ]);
  });
});

describe("state keys", () => {
  const env = { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { web: { image: IMAGE, desiredCount: 1 } } } };

  test("a top-level backend.key is refused: every stack would share one state file", () => {
    const result = parseConfig(base(env, { backend: { type: "s3", bucket: "acme-state", region: "us-east-1", key: "state.tfstate" } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: "backend.key", message: "would put every stack in one state file (the second apply destroys the first stack's resources); use keyPrefix here, and key only under stackBackends.<stack>" },
    ]);
  });

  test("keyPrefix defaults to the project name", () => {
    const plan = planPlatform(validConfig(base(env, { project: "shop", backend: { type: "s3", bucket: "acme-state", region: "us-east-1" } })));
    expect(plan.backends.prod).toEqual({ type: "s3", bucket: "acme-state", key: "shop/prod.tfstate", region: "us-east-1", useLockfile: true, encrypt: true });
  });

  test("two stacks with the same bucket and key are refused", () => {
    const config = base(env, {
      backend: { type: "s3", bucket: "acme-state", region: "us-east-1" },
      stackBackends: { prod: { type: "s3", bucket: "acme-state", region: "us-east-1", key: `pullguard/registry-${ACCOUNT}-us-east-1.tfstate` } },
    });
    const errors = planPlatform(validConfig(config)).findings.filter((f) => f.level === "error");
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      `stackBackends.prod: stores state at s3://acme-state/pullguard/registry-${ACCOUNT}-us-east-1.tfstate, which stack registry-${ACCOUNT}-us-east-1 also uses; every stack needs its own state`,
    ]);
  });
});

test("the embedded example's names are unique per Region (IAM: per account) and within limits", () => {
  const { json, plan } = synthesize(platform);
  const regionOf = new Map([...plan.environments, ...plan.registries].map((s) => [s.stackName, s.region]));
  const scoped = Object.entries(json).flatMap(([stack, s]) => awsNames({ [stack]: s }).map((n) => (n.startsWith("aws_iam_role:") ? n : `${regionOf.get(stack)}/${n}`)));
  expect(new Set(scoped).size).toBe(scoped.length);
  const names = awsNames(json);
  for (const name of names.filter((n) => n.startsWith("aws_iam_role:"))) expect(name.length - "aws_iam_role:".length).toBeLessThanOrEqual(64);
});
