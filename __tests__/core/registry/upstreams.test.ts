/**
 * Registry plans (no cdktf): a pull-through cache rule per upstream, with its URL, prefix and credential.
 * Facts: docs/aws-facts.md.
 */
import { A, B, baseInput, CACHE, createCredential, env, errors, hostOf, plan, problems, registry, type RegistryInput } from "../../helpers/registry-config";

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
      chainguard: { credential: createCredential },
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
      ["chainguard", "chainguard", "cgr.dev"],
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

  it("gives credentials only to Docker Hub, GHCR, GitLab, Chainguard and Azure", () => {
    const rules = registry(plan(baseInput(everyUpstream)), A, "us-east-1").cacheRules;
    const withCredential = rules.filter((r) => r.credential !== undefined).map((r) => r.kind).sort();
    expect(withCredential).toEqual(["azure", "chainguard", "docker-hub", "ghcr", "gitlab"]);
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
    // The rewritten image follows the custom prefix: nginx is a Docker Official Image, so with both
    // rules it takes ECR Public's docker/library mirror (officialImagesVia defaults to ecr-public).
    expect(p.environments[0]!.services[0]!.containers[0]!.image.repositoryUri).toBe(`${hostOf(A, "us-east-1")}/public/aws/docker/library/nginx`);
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
        rule: "PG-CACHE-SECRET-REGION",
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

  it.each(["dockerHub", "ghcr", "gitlab", "chainguard"])("is a schema error to cache %s without a credential", (key) => {
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
