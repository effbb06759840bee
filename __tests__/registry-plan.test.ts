/**
 * Registry stacks as the planner resolves them (no cdktf): pull-through cache rules, credentials,
 * prefixes, creation templates, replication and detection. Facts: /work/shared/reference/aws-facts.md.
 */
import { parseConfig } from "../config/load";
import { platform } from "../config/platform";
import type { PlatformConfigInput } from "../config/schema";
import { planPlatform } from "../core/plan";
import type { Finding, PlatformPlan, RegistryPlan } from "../core/plan-types";

// ---------------------------------------------------------------------------------------------
// Config builder
// ---------------------------------------------------------------------------------------------

type Input = PlatformConfigInput;
type AccountInput = Input["accounts"][string];
type RegistryInput = NonNullable<AccountInput["registry"]>;
type EnvironmentInput = Input["environments"][string];
type ServiceInput = NonNullable<EnvironmentInput["services"]>[string];

const A = "111111111111";
const B = "222222222222";
const hostOf = (account: string, region: string) => `${account}.dkr.ecr.${region}.amazonaws.com`;

let idCounter = 0;
function hex8(): string {
  idCounter += 1;
  return idCounter.toString(16).padStart(8, "0");
}

function vpc() {
  const id = hex8();
  return { vpc: { id: `vpc-${id}`, cidr: "10.0.0.0/16", privateSubnetIds: [`subnet-${id}`], privateRouteTableIds: [`rtb-${id}`] } };
}

function env(account: string, regions: readonly string[], services: Record<string, ServiceInput>, extra: Partial<EnvironmentInput> = {}): EnvironmentInput {
  return { account, regions: Object.fromEntries(regions.map((r) => [r, vpc()])), services, ...extra };
}

const createCredential = { source: "create" as const };

/** One account "main" (A) with Docker Hub and ECR Public cached, one environment "prod" in us-east-1. */
function baseInput(registry: RegistryInput = { pullThroughCache: { dockerHub: { credential: createCredential }, ecrPublic: true } }): Input {
  return {
    accounts: { main: { id: A, registry } },
    environments: { prod: env("main", ["us-east-1"], { web: { image: "nginx:1.27.3", desiredCount: 2 } }) },
  };
}

function parsed(input: Input) {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(`config should be valid:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  return result.config;
}

function plan(input: Input): PlatformPlan {
  return planPlatform(parsed(input));
}

function problems(input: unknown) {
  const result = parseConfig(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

const errors = (p: PlatformPlan): Finding[] => p.findings.filter((f) => f.level === "error");
const warnings = (p: PlatformPlan): Finding[] => p.findings.filter((f) => f.level === "warning");

function registry(p: PlatformPlan, account: string, region: string): RegistryPlan {
  const found = p.registries.filter((r) => r.account === account && r.region === region);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const CACHE = "accounts.main.registry.pullThroughCache";

// ---------------------------------------------------------------------------------------------
// Upstreams
// ---------------------------------------------------------------------------------------------

describe("pull-through cache rules per upstream", () => {
  const everyUpstream: RegistryInput = {
    pullThroughCache: {
      dockerHub: { credential: createCredential },
      ecrPublic: true,
      quay: true,
      k8s: true,
      ghcr: { credential: createCredential },
      gitlab: { credential: createCredential },
      azure: { acr: { registryName: "contosoimages", credential: createCredential } },
      ecr: {
        "from-b": { account: B, region: "eu-west-1", roleArn: `arn:aws:iam::${A}:role/ptc-from-b` },
        "from-b-team": { account: B, region: "us-east-2", roleArn: `arn:aws:iam::${A}:role/ptc-from-b-team`, upstreamRepositoryPrefix: "team/apps" },
      },
    },
  };

  it("gives every upstream its CreatePullThroughCacheRule URL and default prefix", () => {
    const p = plan(baseInput(everyUpstream));
    expect(errors(p)).toEqual([]);
    const rules = registry(p, A, "us-east-1").cacheRules;
    const summary = rules.map((r) => [r.kind, r.prefix, r.upstreamRegistryUrl]);
    // Sorted by prefix.
    expect(summary).toEqual([
      ["azure", "acr", "contosoimages.azurecr.io"],
      ["docker-hub", "docker-hub", "registry-1.docker.io"],
      ["ecr-public", "ecr-public", "public.ecr.aws"],
      ["ecr", "from-b", `${B}.dkr.ecr.eu-west-1.amazonaws.com`],
      ["ecr", "from-b-team", `${B}.dkr.ecr.us-east-2.amazonaws.com`],
      ["ghcr", "ghcr", "ghcr.io"],
      ["gitlab", "gitlab", "registry.gitlab.com"],
      ["k8s", "k8s", "registry.k8s.io"],
      ["quay", "quay", "quay.io"],
    ]);
  });

  it("configures ECR-to-ECR rules with custom_role_arn and the optional upstream repository prefix", () => {
    const rules = registry(plan(baseInput(everyUpstream)), A, "us-east-1").cacheRules;
    const fromB = rules.find((r) => r.prefix === "from-b")!;
    expect(fromB.customRoleArn).toBe(`arn:aws:iam::${A}:role/ptc-from-b`);
    expect(fromB.upstreamRepositoryPrefix).toBeUndefined();
    expect(fromB.credential).toBeUndefined();
    expect(fromB.upstreamAccount).toBe(B);
    expect(fromB.upstreamRegion).toBe("eu-west-1");
    const team = rules.find((r) => r.prefix === "from-b-team")!;
    expect(team.customRoleArn).toBe(`arn:aws:iam::${A}:role/ptc-from-b-team`);
    expect(team.upstreamRepositoryPrefix).toBe("team/apps");
  });

  it("keys Azure rules by prefix and keeps the registry name", () => {
    const rules = registry(plan(baseInput(everyUpstream)), A, "us-east-1").cacheRules;
    const acr = rules.find((r) => r.kind === "azure")!;
    expect(acr.prefix).toBe("acr");
    expect(acr.azureRegistryName).toBe("contosoimages");
    expect(acr.configPath).toBe(`${CACHE}.azure.acr`);
  });

  it("gives credentials only to Docker Hub, GHCR, GitLab and Azure", () => {
    const rules = registry(plan(baseInput(everyUpstream)), A, "us-east-1").cacheRules;
    const withCredential = rules.filter((r) => r.credential !== undefined).map((r) => r.kind).sort();
    expect(withCredential).toEqual(["azure", "docker-hub", "ghcr", "gitlab"]);
  });

  it("accepts ecrPublic as true or { prefix } and lets custom prefixes override the defaults", () => {
    const p = plan(
      baseInput({
        pullThroughCache: {
          dockerHub: { prefix: "hub", credential: createCredential },
          ecrPublic: { prefix: "public/aws" },
          quay: { prefix: "quay-io" },
          k8s: { prefix: "kube" },
          ghcr: { prefix: "github", credential: createCredential },
          gitlab: { prefix: "gl", credential: createCredential },
        },
      }),
    );
    expect(errors(p)).toEqual([]);
    const byKind = Object.fromEntries(registry(p, A, "us-east-1").cacheRules.map((r) => [r.kind, r.prefix]));
    expect(byKind).toEqual({ "docker-hub": "hub", "ecr-public": "public/aws", quay: "quay-io", k8s: "kube", ghcr: "github", gitlab: "gl" });
    // The rewritten image follows the custom prefix.
    expect(p.environments[0]!.services[0]!.containers[0]!.image.repositoryUri).toBe(`${hostOf(A, "us-east-1")}/hub/library/nginx`);
  });

  it("uses the default prefix for ecrPublic: {} as for ecrPublic: true", () => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential }, ecrPublic: {} } }));
    expect(registry(p, A, "us-east-1").cacheRules.find((r) => r.kind === "ecr-public")!.prefix).toBe("ecr-public");
  });

  it("strips the implied trailing slash of a prefix", () => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential }, quay: { prefix: "quay/" } } }));
    expect(registry(p, A, "us-east-1").cacheRules.find((r) => r.kind === "quay")!.prefix).toBe("quay");
  });

  it("plans cache rules in every Region where the account runs clusters", () => {
    const input = baseInput();
    input.environments.prod = env("main", ["us-east-1", "eu-west-1"], { web: { image: "nginx:1.27.3", desiredCount: 2 } });
    const p = plan(input);
    expect(p.registries.map((r) => r.stackName)).toEqual([`registry-${A}-eu-west-1`, `registry-${A}-us-east-1`]);
    for (const r of p.registries) expect(r.cacheRules.map((c) => c.prefix)).toEqual(["docker-hub", "ecr-public"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------------

describe("upstream credentials", () => {
  const secretArn = (account: string, region: string, name = "ecr-pullthroughcache/docker-hub-AbCdEf") =>
    `arn:aws:secretsmanager:${region}:${account}:secret:${name}`;
  const kmsKey = (account: string, region: string) => `arn:aws:kms:${region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

  it("creates a secret named ecr-pullthroughcache/<prefix> with the default recovery window", () => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { prefix: "hub", credential: createCredential }, ghcr: { credential: createCredential } } }));
    const rules = registry(p, A, "us-east-1").cacheRules;
    expect(rules.find((r) => r.kind === "docker-hub")!.credential).toEqual({ source: "create", secretName: "ecr-pullthroughcache/hub", recoveryWindowDays: 7 });
    expect(rules.find((r) => r.kind === "ghcr")!.credential).toEqual({ source: "create", secretName: "ecr-pullthroughcache/ghcr", recoveryWindowDays: 7 });
  });

  it("names Azure secrets after the Azure rule's prefix", () => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential }, azure: { "acr-west": { registryName: "contosoimages", credential: createCredential } } } }));
    const azure = registry(p, A, "us-east-1").cacheRules.find((r) => r.kind === "azure")!;
    expect(azure.credential).toMatchObject({ source: "create", secretName: "ecr-pullthroughcache/acr-west" });
  });

  it("keeps a KMS key in the registry's Region on the created secret", () => {
    const key = kmsKey(A, "us-east-1");
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { credential: { source: "create", kmsKeyArn: key, recoveryWindowDays: 0 } } } }));
    expect(errors(p)).toEqual([]);
    expect(registry(p, A, "us-east-1").cacheRules[0]!.credential).toEqual({ source: "create", secretName: "ecr-pullthroughcache/docker-hub", kmsKeyArn: key, recoveryWindowDays: 0 });
  });

  it("refuses a created secret's KMS key from another Region", () => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { credential: { source: "create", kmsKeyArn: kmsKey(A, "eu-west-1") } } } }));
    expect(errors(p)).toEqual([
      expect.objectContaining({
        path: `${CACHE}.dockerHub.credential.kmsKeyArn`,
        message: expect.stringContaining(`is in ${A}/eu-west-1 but must be in the registry's account and Region, ${A}/us-east-1`),
        stack: `registry-${A}-us-east-1`,
      }),
    ]);
  });

  it("uses an existing secret for the Region of each registry", () => {
    const input = baseInput({
      pullThroughCache: {
        dockerHub: { credential: { source: "existing", secretArns: { "us-east-1": secretArn(A, "us-east-1"), "eu-west-1": secretArn(A, "eu-west-1") } } },
      },
    });
    input.environments.prod = env("main", ["us-east-1", "eu-west-1"], { web: { image: "nginx:1.27.3", desiredCount: 2 } });
    const p = plan(input);
    expect(errors(p)).toEqual([]);
    expect(registry(p, A, "us-east-1").cacheRules[0]!.credential).toEqual({ source: "existing", secretArn: secretArn(A, "us-east-1") });
    expect(registry(p, A, "eu-west-1").cacheRules[0]!.credential).toEqual({ source: "existing", secretArn: secretArn(A, "eu-west-1") });
  });

  it("refuses an existing credential without a secret for a cluster Region", () => {
    const input = baseInput({ pullThroughCache: { dockerHub: { credential: { source: "existing", secretArns: { "us-east-1": secretArn(A, "us-east-1") } } } } });
    input.environments.prod = env("main", ["us-east-1", "eu-west-1"], { web: { image: "nginx:1.27.3", desiredCount: 2 } });
    const p = plan(input);
    expect(errors(p)).toEqual([
      {
        level: "error",
        path: `${CACHE}.dockerHub.credential.secretArns`,
        message: "has no secret for eu-west-1, where account main runs clusters (the secret must be in the rule's Region)",
        stack: `registry-${A}-eu-west-1`,
      },
    ]);
    // No credential means no usable rule: the plan carries none rather than a wrong one.
    expect(registry(p, A, "eu-west-1").cacheRules[0]!.credential).toBeUndefined();
  });

  it.each([
    ["another account", secretArn(B, "us-east-1"), `${B}/us-east-1`],
    ["another Region", secretArn(A, "eu-west-1"), `${A}/eu-west-1`],
  ])("refuses an existing secret in %s", (_what, arn, where) => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { credential: { source: "existing", secretArns: { "us-east-1": arn } } } } }));
    expect(errors(p)).toEqual([
      expect.objectContaining({
        path: `${CACHE}.dockerHub.credential.secretArns.us-east-1`,
        message: `secret is in ${where} but must be in the registry's account and Region, ${A}/us-east-1`,
      }),
    ]);
  });

  it.each(["dockerHub", "ghcr", "gitlab"])("is a schema error to cache %s without a credential", (key) => {
    const input = baseInput();
    (input.accounts.main!.registry!.pullThroughCache as Record<string, unknown>)[key] = {};
    const found = problems(input);
    expect(found.map((p) => p.path)).toEqual([`${CACHE}.${key}.credential`]);
    expect(found[0]!.message).toBe("is required");
  });

  it("is a schema error to cache an Azure registry without a credential", () => {
    const input = baseInput();
    (input.accounts.main!.registry!.pullThroughCache as Record<string, unknown>).azure = { acr: { registryName: "contosoimages" } };
    expect(problems(input).map((p) => p.path)).toEqual([`${CACHE}.azure.acr.credential`]);
  });

  const SECRET_NAME = "must be the ARN of a Secrets Manager secret whose name begins with ecr-pullthroughcache/";
  it.each([
    ["a name outside ecr-pullthroughcache/", `arn:aws:secretsmanager:us-east-1:${A}:secret:dockerhub/credentials-AbCdEf`, SECRET_NAME],
    ["a non-Secrets Manager ARN", `arn:aws:ssm:us-east-1:${A}:parameter/ecr-pullthroughcache/docker-hub-credentials`, SECRET_NAME],
    // "arn:aws:secretsmanager:us-east-1:<12 digits>:secret:" is 53 characters, + 21 + 600 = 674
    ["an ARN longer than 612 characters", `arn:aws:secretsmanager:us-east-1:${A}:secret:ecr-pullthroughcache/${"a".repeat(600)}`, "must be 50 to 612 characters (CreatePullThroughCacheRule credentialArn)"],
  ])("is a schema error to give an existing credential %s", (_what, arn, message) => {
    const input = baseInput({ pullThroughCache: { dockerHub: { credential: { source: "existing", secretArns: { "us-east-1": arn } } } } });
    expect(problems(input)).toEqual([{ path: `${CACHE}.dockerHub.credential.secretArns.us-east-1`, message }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Prefixes
// ---------------------------------------------------------------------------------------------

describe("cache rule prefixes", () => {
  it.each([
    ["one character", "q", "must be 2 to 30 characters (ecrRepositoryPrefix)"],
    ["31 characters", "q".repeat(31), "must be 2 to 30 characters (ecrRepositoryPrefix)"],
    ["uppercase", "Quay", "must match ECR's repository prefix pattern: lowercase path components separated by '/', '.', '_' or '-'"],
    ["ROOT", "ROOT", "must not be ROOT: pullguard rewrites images under a named prefix"],
    ["a leading slash", "/quay", "must match ECR's repository prefix pattern: lowercase path components separated by '/', '.', '_' or '-'"],
  ])("refuses a prefix of %s", (_what, prefix, message) => {
    const input = baseInput({ pullThroughCache: { dockerHub: { prefix, credential: createCredential } } });
    expect(problems(input)).toEqual([{ path: `${CACHE}.dockerHub.prefix`, message }]);
  });

  it("validates the prefix of a `true | { prefix }` upstream at the prefix", () => {
    const input = baseInput({ pullThroughCache: { dockerHub: { credential: createCredential }, quay: { prefix: "Q" } } });
    // "Q" is one character (ECR wants 2 to 30) and upper case.
    expect(problems(input)).toEqual([
      { path: `${CACHE}.quay.prefix`, message: "must be 2 to 30 characters (ecrRepositoryPrefix)" },
      { path: `${CACHE}.quay.prefix`, message: "must match ECR's repository prefix pattern: lowercase path components separated by '/', '.', '_' or '-'" },
    ]);
  });

  it("validates Azure and ECR-to-ECR keys as prefixes", () => {
    const input = baseInput({
      pullThroughCache: {
        dockerHub: { credential: createCredential },
        azure: { A: { registryName: "contosoimages", credential: createCredential } },
      },
    });
    // The key "A" is the prefix: one character and upper case, like "Q" above.
    expect(problems(input)).toEqual([
      { path: `${CACHE}.azure.A`, message: "must be 2 to 30 characters (ecrRepositoryPrefix)" },
      { path: `${CACHE}.azure.A`, message: "must match ECR's repository prefix pattern: lowercase path components separated by '/', '.', '_' or '-'" },
    ]);
  });

  it("accepts 2- and 30-character prefixes", () => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { prefix: "dh", credential: createCredential }, quay: { prefix: "q".repeat(30) } } }));
    expect(errors(p)).toEqual([]);
  });

  it("refuses one prefix used by two upstreams, once, in the registry stack", () => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential }, quay: { prefix: "cache" }, k8s: { prefix: "cache" } } }));
    expect(errors(p)).toEqual([
      {
        level: "error",
        path: `${CACHE}.k8s`,
        message: `uses prefix "cache", already used by ${CACHE}.quay; prefixes must be unique per registry`,
        stack: `registry-${A}-us-east-1`,
      },
    ]);
  });

  it("refuses a Docker Hub prefix equal to an Azure rule's key", () => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { prefix: "images", credential: createCredential }, azure: { images: { registryName: "contosoimages", credential: createCredential } } } }));
    expect(errors(p).map((f) => f.path)).toEqual([`${CACHE}.azure.images`]);
  });

  it("refuses nested prefixes", () => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential }, quay: { prefix: "cache" }, k8s: { prefix: "cache/k8s" } } }));
    const found = errors(p);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe(`prefix "cache/k8s" nests with "cache" (${CACHE}.quay); cached repositories would be ambiguous`);
  });

  it("accepts prefixes that share a beginning but do not nest", () => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential }, quay: { prefix: "cache" }, k8s: { prefix: "cache-k8s" } } }));
    expect(errors(p)).toEqual([]);
  });

  it("refuses more than 50 rules per registry, naming the limit", () => {
    const azure = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`az${String(i).padStart(2, "0")}`, { registryName: `contoso${String(i).padStart(2, "0")}`, credential: createCredential }]),
      );
    const withRules = (n: number) => {
      const input = baseInput({ pullThroughCache: { azure: azure(n) } });
      // No Docker Hub rule here: the cluster pulls from one of the Azure registries.
      input.environments.prod!.services = { web: { image: "contoso00.azurecr.io/nginx:1.27", desiredCount: 2 } };
      return plan(input);
    };
    expect(errors(withRules(50))).toEqual([]);
    expect(registry(withRules(50), A, "us-east-1").cacheRules).toHaveLength(50);
    expect(errors(withRules(51))).toEqual([
      {
        level: "error",
        path: CACHE,
        message: "declares 51 pull-through cache rules; ECR allows at most 50 per registry",
        stack: `registry-${A}-us-east-1`,
      },
    ]);
  });

  it("refuses an ECR-to-ECR rule pointing at its own registry", () => {
    const p = plan(
      baseInput({
        pullThroughCache: { dockerHub: { credential: createCredential }, ecr: { self: { account: A, region: "us-east-1", roleArn: `arn:aws:iam::${A}:role/ptc` } } },
      }),
    );
    expect(errors(p)).toEqual([
      {
        level: "error",
        path: `${CACHE}.ecr.self`,
        message: `points at its own registry (${A}/us-east-1); an ECR-to-ECR rule needs another account or Region`,
        stack: `registry-${A}-us-east-1`,
      },
    ]);
  });

  it("accepts an ECR-to-ECR rule from the same account in another Region", () => {
    const p = plan(
      baseInput({
        pullThroughCache: { dockerHub: { credential: createCredential }, ecr: { west: { account: A, region: "us-west-2", roleArn: `arn:aws:iam::${A}:role/ptc` } } },
      }),
    );
    expect(errors(p)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Repository creation templates
// ---------------------------------------------------------------------------------------------

describe("repository creation templates", () => {
  it("gives each cache prefix a PULL_THROUGH_CACHE template in a registry that does not replicate", () => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential }, ecrPublic: true, quay: { prefix: "quay-io" } } }));
    const r = registry(p, A, "us-east-1");
    expect(r.replicationRules).toEqual([]);
    expect(r.templates.map((t) => [t.prefix, t.appliedFor])).toEqual([
      ["docker-hub", ["PULL_THROUGH_CACHE"]],
      ["ecr-public", ["PULL_THROUGH_CACHE"]],
      ["quay-io", ["PULL_THROUGH_CACHE"]],
    ]);
    expect(r.cacheRules.map((c) => c.prefix)).toEqual(["docker-hub", "ecr-public", "quay-io"]);
  });

  it("defaults to immutable tags, AES256 and no custom role", () => {
    const s = registry(plan(baseInput()), A, "us-east-1").templateSettings;
    expect(s.tagMutability).toBe("IMMUTABLE");
    expect(s.encryption).toEqual({ type: "AES256" });
    expect(s.resourceTags).toEqual({});
    expect(s.customRoleName).toBeUndefined();
  });

  it("writes a lifecycle policy that expires untagged images and caps tagged ones", () => {
    const policy = (days?: number, keep?: number) => {
      const input = baseInput({
        pullThroughCache: { dockerHub: { credential: createCredential } },
        repositoryTemplates: { ...(days !== undefined ? { untaggedExpireDays: days } : {}), ...(keep !== undefined ? { keepTaggedImages: keep } : {}) },
      });
      return registry(plan(input), A, "us-east-1").templateSettings.lifecyclePolicy;
    };
    for (const [days, keep, expectedDays, expectedKeep] of [
      [undefined, undefined, 14, 100],
      [3, 25, 3, 25],
    ] as const) {
      const rules = policy(days, keep).rules;
      const untagged = rules.find((r) => r.selection.tagStatus === "untagged")!;
      expect(untagged.selection).toMatchObject({ countType: "sinceImagePushed", countUnit: "days", countNumber: expectedDays });
      expect(untagged.action).toEqual({ type: "expire" });
      const tagged = rules.find((r) => r.selection.tagStatus === "tagged")!;
      expect(tagged.selection).toMatchObject({ countType: "imageCountMoreThan", countNumber: expectedKeep, tagPatternList: ["*"] });
      expect(tagged.action).toEqual({ type: "expire" });
      expect(rules.map((r) => [r.rulePriority, r.selection.tagStatus])).toEqual([
        [1, "untagged"],
        [2, "tagged"],
      ]);
    }
  });

  it.each([
    ["KMS encryption", { encryption: { type: "KMS" as const, kmsKeyArn: `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab` } }, true],
    ["resource tags", { resourceTags: { "cost-center": "platform" } }, true],
    ["neither", { tagMutability: "IMMUTABLE" as const }, false],
  ])("sets customRoleName iff the template uses %s", (_what, templates, wanted) => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential } }, repositoryTemplates: templates }));
    expect(errors(p)).toEqual([]);
    const s = registry(p, A, "us-east-1").templateSettings;
    if (wanted) expect(s.customRoleName).toBe("pullguard--ecr-templates-us-east-1");
    else expect(s.customRoleName).toBeUndefined();
  });

  it("refuses a template KMS key in another Region", () => {
    const p = plan(
      baseInput({
        pullThroughCache: { dockerHub: { credential: createCredential } },
        repositoryTemplates: { encryption: { type: "KMS", kmsKeyArn: `arn:aws:kms:eu-west-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab` } },
      }),
    );
    expect(errors(p).map((f) => [f.path, f.message])).toEqual([
      ["accounts.main.registry.repositoryTemplates.encryption.kmsKeyArn", `KMS key is in ${A}/eu-west-1 but must be in the registry's account and Region, ${A}/us-east-1`],
    ]);
  });

  it("warns PG-MUTABLE-TAGS on MUTABLE templates", () => {
    const p = plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential } }, repositoryTemplates: { tagMutability: "MUTABLE" } }));
    expect(errors(p)).toEqual([]);
    expect(registry(p, A, "us-east-1").templateSettings.tagMutability).toBe("MUTABLE");
    expect(warnings(p)).toEqual([
      expect.objectContaining({ rule: "PG-MUTABLE-TAGS", path: "accounts.main.registry.repositoryTemplates.tagMutability", stack: `registry-${A}-us-east-1` }),
    ]);
    expect(warnings(plan(baseInput())).filter((f) => f.rule === "PG-MUTABLE-TAGS")).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Replication
// ---------------------------------------------------------------------------------------------

describe("replication", () => {
  it("caches the embedded example's own image in us-west-2 through an ECR-to-ECR rule, not replication", () => {
    const p = planPlatform(parsed(platform));
    expect(errors(p)).toEqual([]);
    const east = registry(p, A, "us-east-1");
    expect(east.replicationRules).toEqual([]);
    const west = registry(p, A, "us-west-2");
    expect(west.cacheRules.filter((r) => r.kind === "ecr").map((r) => [r.prefix, r.upstreamRegistryUrl, r.customRoleArn])).toEqual([
      [`${A}-us-east-1`, `${A}.dkr.ecr.us-east-1.amazonaws.com`, undefined],
    ]);
    const westOrders = p.environments.find((e) => e.stackName === "prod-us-west-2")!.services.find((s) => s.name === "orders")!;
    expect(westOrders.containers[0]!.image).toMatchObject({ route: "pull-through-cache", repositoryUri: `${hostOf(A, "us-west-2")}/${A}-us-east-1/orders`, viaCache: true });
  });

  it("derives replication of orders to us-west-2 with ownImages: replication, and warns that older images need a re-push", () => {
    const input = parsed(platform);
    input.accounts.main!.registry!.ownImages = "replication";
    const p = planPlatform(input);
    expect(errors(p)).toEqual([]);
    const east = registry(p, A, "us-east-1");
    expect(east.stackName).toBe("registry-111111111111-us-east-1");
    expect(east.replicationRules).toEqual([{ destinations: [{ account: A, region: "us-west-2" }], repositoryPrefixes: ["orders"], origin: "derived" }]);
    expect(east.replicationSourceAccounts).toEqual([]);
    // The source replicates: its cache templates are applied for replication as well.
    // One template per cache prefix of the embedded example (Docker Hub, ECR Public, GHCR, Quay).
    expect(east.templates.map((t) => [t.prefix, t.appliedFor])).toEqual([
      ["docker-hub", ["PULL_THROUGH_CACHE", "REPLICATION"]],
      ["ecr-public", ["PULL_THROUGH_CACHE", "REPLICATION"]],
      ["ghcr", ["PULL_THROUGH_CACHE", "REPLICATION"]],
      ["quay", ["PULL_THROUGH_CACHE", "REPLICATION"]],
    ]);
    expect(warnings(p).filter((f) => f.rule === "PG-REPLICATION-BACKFILL").map((f) => [f.path, f.stack])).toEqual([["accounts.main.registry", east.stackName]]);

    const west = registry(p, A, "us-west-2");
    expect(west.replicationRules).toEqual([]);
    expect(west.templates.find((t) => t.prefix === "ROOT")).toEqual(expect.objectContaining({ prefix: "ROOT", appliedFor: ["REPLICATION"] }));
    // Same-account replication needs no registry policy.
    expect(west.replicationSourceAccounts).toEqual([]);

    const westOrders = p.environments.find((e) => e.stackName === "prod-us-west-2")!.services.find((s) => s.name === "orders")!;
    expect(westOrders.containers[0]!.image).toMatchObject({ route: "replicated", repositoryUri: `${hostOf(A, "us-west-2")}/orders` });
  });

  function crossAccountInput(): Input {
    return {
      accounts: {
        build: { id: A, registry: { pullThroughCache: { dockerHub: { credential: createCredential } } } },
        shop: { id: B, registry: { pullThroughCache: { dockerHub: { credential: createCredential } }, ownImages: "replication" } },
      },
      environments: {
        prod: env("shop", ["eu-west-1"], { orders: { image: `${hostOf(A, "us-east-1")}/team/orders:1.4.2`, desiredCount: 2 } }),
      },
    };
  }

  it("gives replicated repositories a ROOT template even when the destination account declares no registry settings", () => {
    const config = crossAccountInput();
    config.accounts.shop = { id: B };
    config.accounts.build!.registry!.replicationRules = [{ sourceRegion: "us-east-1", destinations: [{ account: "shop", region: "eu-west-1" }], repositoryPrefixes: ["team/orders"] }];
    config.environments.prod!.services = { orders: { image: `${hostOf(B, "eu-west-1")}/team/orders:1.4.2`, desiredCount: 2 } };
    const p = plan(config);
    const destination = registry(p, B, "eu-west-1");
    expect(destination.cacheRules).toEqual([]);
    expect(destination.templates).toEqual([expect.objectContaining({ prefix: "ROOT", appliedFor: ["REPLICATION"] })]);
    expect(destination.templateSettings.tagMutability).toBe("IMMUTABLE");
  });

  it("replicates across accounts and lets the source account in through the destination's registry policy", () => {
    const p = plan(crossAccountInput());
    expect(errors(p)).toEqual([]);
    const source = registry(p, A, "us-east-1");
    expect(source.accountAlias).toBe("build");
    expect(source.replicationRules).toEqual([{ destinations: [{ account: B, region: "eu-west-1" }], repositoryPrefixes: ["team/orders"], origin: "derived" }]);
    // The source runs no cluster: no cache rules there.
    expect(source.cacheRules).toEqual([]);

    const destination = registry(p, B, "eu-west-1");
    expect(destination.replicationSourceAccounts).toEqual([A]);
    expect(destination.templates.find((t) => t.prefix === "ROOT")!.appliedFor).toEqual(["REPLICATION"]);
    expect(p.registries.map((r) => r.stackName).sort()).toEqual([`registry-${A}-us-east-1`, `registry-${B}-eu-west-1`]);

    const image = p.environments[0]!.services[0]!.containers[0]!.image;
    expect(image.route).toBe("replicated");
    expect(image.repositoryUri).toBe(`${hostOf(B, "eu-west-1")}/team/orders`);
    expect(image.repositoryArn).toBe(`arn:aws:ecr:eu-west-1:${B}:repository/team/orders`);
  });

  it("lets repositories with the same destinations share a rule", () => {
    const input = baseInput({ pullThroughCache: { dockerHub: { credential: createCredential }, ecrPublic: true }, ownImages: "replication" });
    input.environments = {
      prod: env("main", ["us-west-2", "eu-west-1"], {
        orders: { image: `${hostOf(A, "us-east-1")}/orders:1.0.0`, desiredCount: 2 },
        billing: { image: `${hostOf(A, "us-east-1")}/billing:2.0.0`, desiredCount: 2 },
      }),
      edge: env("main", ["ap-southeast-2"], { proxy: { image: `${hostOf(A, "us-east-1")}/proxy:3.0.0`, desiredCount: 2 } }),
    };
    const p = plan(input);
    expect(errors(p)).toEqual([]);
    expect(registry(p, A, "us-east-1").replicationRules).toEqual([
      { destinations: [{ account: A, region: "ap-southeast-2" }], repositoryPrefixes: ["proxy"], origin: "derived" },
      {
        destinations: [
          { account: A, region: "eu-west-1" },
          { account: A, region: "us-west-2" },
        ],
        repositoryPrefixes: ["billing", "orders"],
        origin: "derived",
      },
    ]);
  });

  it("keeps explicit rules to other destinations beside derived ones", () => {
    const input = parsed(platform);
    input.accounts.main!.registry!.ownImages = "replication";
    input.accounts.main!.registry!.replicationRules.push({
      sourceRegion: "us-east-1",
      destinations: [{ account: "main", region: "eu-west-1" }],
      repositoryPrefixes: ["shared"],
    });
    const p = planPlatform(input);
    expect(errors(p)).toEqual([]);
    // Sorted by destination.
    expect(registry(p, A, "us-east-1").replicationRules).toEqual([
      { destinations: [{ account: A, region: "eu-west-1" }], repositoryPrefixes: ["shared"], origin: "explicit" },
      { destinations: [{ account: A, region: "us-west-2" }], repositoryPrefixes: ["orders"], origin: "derived" },
    ]);
    // eu-west-1 runs no cluster but receives: it gets a registry stack with a ROOT template only.
    const eu = registry(p, A, "eu-west-1");
    expect(eu.cacheRules).toEqual([]);
    expect(eu.templates).toEqual([expect.objectContaining({ prefix: "ROOT", appliedFor: ["REPLICATION"] })]);
  });

  it("merges overlapping derived and explicit rules: 4 rules where 2 do", () => {
    const input = parsed(platform);
    const registryConfig = input.accounts.main!.registry!;
    registryConfig.ownImages = "replication";
    input.environments.prod!.services.billing = { ...input.environments.prod!.services.web!, image: `${hostOf(A, "us-east-1")}/team/billing:1.0.0` };
    registryConfig.replicationRules.push(
      // Covers orders to us-west-2 already: the derived filter for orders goes.
      { sourceRegion: "us-east-1", destinations: [{ account: "main", region: "us-west-2" }], repositoryPrefixes: ["ord"] },
      // Same destination as the derived team/billing rule: one rule, and "team/" covers team/billing.
      { sourceRegion: "us-east-1", destinations: [{ account: "main", region: "us-west-2" }], repositoryPrefixes: ["team/"] },
      { sourceRegion: "us-east-1", destinations: [{ account: "main", region: "eu-west-1" }], repositoryPrefixes: ["shared"] },
    );
    const p = planPlatform(input);
    expect(errors(p)).toEqual([]);
    expect(registry(p, A, "us-east-1").replicationRules).toEqual([
      { destinations: [{ account: A, region: "eu-west-1" }], repositoryPrefixes: ["shared"], origin: "explicit" },
      { destinations: [{ account: A, region: "us-west-2" }], repositoryPrefixes: ["ord", "team/"], origin: "explicit" },
    ]);
  });

  it("refuses an explicit rule naming an undeclared account", () => {
    const input = baseInput({
      pullThroughCache: { dockerHub: { credential: createCredential } },
      replicationRules: [{ sourceRegion: "us-east-1", destinations: [{ account: "nobody", region: "eu-west-1" }], repositoryPrefixes: ["shared"] }],
    });
    const p = plan(input);
    expect(errors(p)).toEqual([
      {
        level: "error",
        path: "accounts.main.registry.replicationRules[0].destinations[0].account",
        message: 'names account "nobody", which is not declared under accounts',
      },
    ]);
  });

  it("refuses an explicit rule whose destination is its source", () => {
    const input = baseInput({
      pullThroughCache: { dockerHub: { credential: createCredential } },
      replicationRules: [{ sourceRegion: "us-east-1", destinations: [{ account: "main", region: "us-east-1" }], repositoryPrefixes: ["shared"] }],
    });
    const found = errors(plan(input));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: "accounts.main.registry.replicationRules[0].destinations[0]", message: expect.stringContaining("must differ from its source") });
  });

  it("refuses more than 10 replication rules in one registry", () => {
    // Distinct destinations: rules with the same destinations would merge into one.
    const regions = ["eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "us-west-1", "us-west-2", "us-east-2", "ca-central-1", "sa-east-1", "ap-south-1"];
    const rule = (i: number) => ({ sourceRegion: "us-east-1", destinations: [{ account: "main", region: regions[i]! }], repositoryPrefixes: [`team${i}`] });
    const ten = plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential } }, replicationRules: Array.from({ length: 10 }, (_, i) => rule(i)) }));
    expect(errors(ten)).toEqual([]);
    const eleven = plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential } }, replicationRules: Array.from({ length: 11 }, (_, i) => rule(i)) }));
    expect(errors(eleven)).toEqual([
      {
        level: "error",
        path: "accounts.main.registry.replicationRules",
        message: `needs 11 replication rules in ${A}/us-east-1; ECR allows 10 per registry (group repositories under shared prefixes)`,
        stack: `registry-${A}-us-east-1`,
      },
    ]);
  });

  it("refuses more than 25 unique destinations", () => {
    const regions = ["af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "sa-east-1", "us-east-2"];
    expect(regions).toHaveLength(26);
    const rules = (n: number) => [
      { sourceRegion: "us-east-1", destinations: regions.slice(0, 13).map((region) => ({ account: "main", region })), repositoryPrefixes: ["aa"] },
      { sourceRegion: "us-east-1", destinations: regions.slice(13, n).map((region) => ({ account: "main", region })), repositoryPrefixes: ["bb"] },
    ];
    expect(errors(plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential } }, replicationRules: rules(25) })))).toEqual([]);
    const found = errors(plan(baseInput({ pullThroughCache: { dockerHub: { credential: createCredential } }, replicationRules: rules(26) })));
    expect(found).toEqual([
      expect.objectContaining({ path: "accounts.main.registry.replicationRules", message: `replicates ${A}/us-east-1 to 26 destinations; ECR allows 25` }),
    ]);
  });

  it("spills a derived rule with more than 100 repositories into another rule", () => {
    const input = baseInput({ pullThroughCache: { dockerHub: { credential: createCredential }, ecrPublic: true }, ownImages: "replication" });
    const services: Record<string, ServiceInput> = {};
    for (let i = 0; i < 101; i++) {
      const n = String(i).padStart(3, "0");
      services[`svc-${n}`] = { image: `${hostOf(A, "us-east-1")}/repo-${n}:1.0.0`, desiredCount: 1 };
    }
    input.environments = { prod: env("main", ["us-west-2"], services) };
    const p = plan(input);
    expect(errors(p)).toEqual([]);
    const rules = registry(p, A, "us-east-1").replicationRules;
    expect(rules.map((r) => r.repositoryPrefixes.length)).toEqual([100, 1]);
    for (const r of rules) {
      expect(r.destinations).toEqual([{ account: A, region: "us-west-2" }]);
      expect(r.origin).toBe("derived");
    }
    expect(rules.flatMap((r) => r.repositoryPrefixes)).toEqual(Array.from({ length: 101 }, (_, i) => `repo-${String(i).padStart(3, "0")}`));
  });

  it("keeps one registry stack per account and Region when environments share it", () => {
    const input = baseInput({ pullThroughCache: { dockerHub: { credential: createCredential }, ecrPublic: true }, ownImages: "replication" });
    input.environments = {
      dev: env("main", ["us-west-2"], { orders: { image: `${hostOf(A, "us-east-1")}/orders:1.0.0`, desiredCount: 1 }, web: { image: "nginx:1.27.3", desiredCount: 1 } }),
      staging: env("main", ["us-west-2"], { billing: { image: `${hostOf(A, "us-east-1")}/billing:1.0.0`, desiredCount: 1 }, web: { image: "nginx:1.27.3", desiredCount: 1 } }),
    };
    const p = plan(input);
    expect(errors(p)).toEqual([]);
    const names = p.registries.map((r) => r.stackName);
    expect(names).toEqual([`registry-${A}-us-east-1`, `registry-${A}-us-west-2`]);
    expect(new Set(names).size).toBe(names.length);
    const keys = p.registries.map((r) => `${r.account}/${r.region}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Both environments' needs land in the one replication configuration of the source registry.
    expect(registry(p, A, "us-east-1").replicationRules).toEqual([
      { destinations: [{ account: A, region: "us-west-2" }], repositoryPrefixes: ["billing", "orders"], origin: "derived" },
    ]);
    expect(p.environments.map((e) => e.registryStackName)).toEqual([`registry-${A}-us-west-2`, `registry-${A}-us-west-2`]);
    expect(Object.keys(p.backends).sort()).toEqual(["dev", `registry-${A}-us-east-1`, `registry-${A}-us-west-2`, "staging"]);
  });

  it("shares the dev and staging registry of the embedded example", () => {
    const p = planPlatform(parsed(platform));
    expect(p.registries.map((r) => r.stackName)).toEqual([`registry-${A}-us-east-1`, `registry-${A}-us-west-2`]);
    const dev = p.environments.find((e) => e.stackName === "dev")!;
    const staging = p.environments.find((e) => e.stackName === "staging")!;
    expect([dev.registryStackName, staging.registryStackName]).toEqual([`registry-${A}-us-east-1`, `registry-${A}-us-east-1`]);
  });
});

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

describe("detection", () => {
  it("alarms on every ECR API at 80% of its per-minute quota by default", () => {
    const r = registry(plan(baseInput()), A, "us-east-1");
    expect(r.usageAlarms).toEqual([
      { api: "GetAuthorizationToken", name: "pullguard--ecr-GetAuthorizationToken-near-quota", query: `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'GetAuthorizationToken'`, quotaCode: "L-55A41110", thresholdPerMinute: 24000 },
      { api: "BatchGetImage", name: "pullguard--ecr-BatchGetImage-near-quota", query: `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'BatchGetImage'`, quotaCode: "L-16E70933", thresholdPerMinute: 96000 },
      { api: "GetDownloadUrlForLayer", name: "pullguard--ecr-GetDownloadUrlForLayer-near-quota", query: `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'GetDownloadUrlForLayer'`, quotaCode: "L-A60A366D", thresholdPerMinute: 144000 },
      { api: "BatchCheckLayerAvailability", name: "pullguard--ecr-BatchCheckLayerAvailability-near-quota", query: `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'BatchCheckLayerAvailability'`, quotaCode: "L-B9173138", thresholdPerMinute: 48000 },
    ]);
    expect(r.alertTopicName).toBe("pullguard--image-pulls");
    expect(r.quotaRequests).toEqual([]);
  });

  it.each([
    [0.7, [21000, 84000, 126000, 42000]],
    [0.55, [16500, 66000, 99000, 33000]],
    [0.9, [27000, 108000, 162000, 54000]],
  ])("computes floor(rate x 60 x %s) without float noise", (threshold, expected) => {
    const input = baseInput();
    input.detection = { usageAlarmThreshold: threshold };
    expect(registry(plan(input), A, "us-east-1").usageAlarms.map((a) => a.thresholdPerMinute)).toEqual(expected);
  });

  it("uses the Region's quota overrides in alarm thresholds", () => {
    const input = baseInput();
    input.pullBudget = { ecrQuotas: { "us-east-1": { GetDownloadUrlForLayer: { rate: 6000 } } } };
    const alarms = registry(plan(input), A, "us-east-1").usageAlarms;
    expect(alarms.find((a) => a.api === "GetDownloadUrlForLayer")).toMatchObject({ api: "GetDownloadUrlForLayer", quotaCode: "L-A60A366D", thresholdPerMinute: 288000 });
    expect(alarms.find((a) => a.api === "GetAuthorizationToken")!.thresholdPerMinute).toBe(24000);
  });

  it("requests quota increases only when asked and only above the default", () => {
    const overrides = { "us-east-1": { GetDownloadUrlForLayer: { rate: 6000 }, BatchGetImage: { rate: 1000 }, GetAuthorizationToken: { rate: 500 } } };
    const notAsked = baseInput();
    notAsked.pullBudget = { ecrQuotas: overrides };
    expect(registry(plan(notAsked), A, "us-east-1").quotaRequests).toEqual([]);

    const asked = baseInput();
    asked.pullBudget = { ecrQuotas: overrides };
    asked.detection = { requestQuotaIncreases: true };
    expect(registry(plan(asked), A, "us-east-1").quotaRequests).toEqual([{ api: "GetDownloadUrlForLayer", quotaCode: "L-A60A366D", value: 6000 }]);

    const otherRegion = baseInput();
    otherRegion.pullBudget = { ecrQuotas: { "eu-west-1": { GetDownloadUrlForLayer: { rate: 6000 } } } };
    otherRegion.detection = { requestQuotaIncreases: true };
    expect(registry(plan(otherRegion), A, "us-east-1").quotaRequests).toEqual([]);
  });

  it("drops alarms and the topic when detection is off", () => {
    const input = baseInput();
    input.detection = { usageAlarms: false, pullFailureEvents: false };
    const p = plan(input);
    const r = registry(p, A, "us-east-1");
    expect(r.usageAlarms).toEqual([]);
    expect(r.alertTopicName).toBeUndefined();
    expect(p.environments[0]!.alertTopicArn).toBeUndefined();
  });

  it("keeps the topic for pull-failure events alone, and points environments at it", () => {
    const input = baseInput();
    input.detection = { usageAlarms: false };
    const p = plan(input);
    expect(registry(p, A, "us-east-1").alertTopicName).toBe("pullguard--image-pulls");
    expect(p.environments[0]!.alertTopicArn).toBe(`arn:aws:sns:us-east-1:${A}:pullguard--image-pulls`);
  });
});
