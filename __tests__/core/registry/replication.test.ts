/**
 * Registry plans (no cdktf): replication, explicit and derived from ownImages, and the registry policy it needs.
 * Facts: docs/aws-facts.md.
 */
import { platform } from "../../../config/platform";
import { planPlatform } from "../../../core/plan";
import { A, B, baseInput, createCredential, env, errors, hostOf, parsed, plan, registry, warnings, type Input, type ServiceInput } from "../../helpers/registry-config";

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
    expect(westOrders.containers[0]!.image).toMatchObject({ route: "pull-through-cache", repositoryUri: `${hostOf(A, "us-west-2")}/${A}-us-east-1/orders` });
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
        rule: "PG-UNKNOWN-ACCOUNT",
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
        rule: "PG-REPLICATION-RULE-LIMIT",
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
