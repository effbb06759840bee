/**
 * Registry plans (no cdktf): cache rule prefixes and the repository creation templates behind them.
 * Facts: docs/aws-facts.md.
 */
import { A, baseInput, CACHE, createCredential, errors, plan, problems, registry, warnings } from "../../helpers/registry-config";

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
        rule: "PG-CACHE-PREFIX-DUPLICATE",
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
        rule: "PG-CACHE-RULE-LIMIT",
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
        rule: "PG-CACHE-SELF",
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
      ["accounts.main.registry.repositoryTemplates.encryption.kmsKeyArn", `KMS key is in ${A}/eu-west-1 but must be in the registry's account and Region, ${A}/us-east-1; set this Region's key under accounts.main.registry.regions.us-east-1.repositoryTemplates.encryption.kmsKeyArn`],
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
