import type { PlatformConfigInput } from "../../../config/schema";
import { planClusterCacheRules } from "../../../core/registry/cache-rule-plan";
import { FindingLog } from "../../../core/model/findings";
import { locateEnvironments, planAccounts } from "../../../core/locations/plan";
import { findingLines, parsedConfig, TEST_VPC as VPC } from "../../helpers/plan-steps";

const BUILD_IMAGE = "222222222222.dkr.ecr.us-east-1.amazonaws.com/web:1.0";

function plan(input: PlatformConfigInput) {
  const config = parsedConfig(input);
  const log = new FindingLog();
  const accounts = planAccounts(config.accounts);
  const locations = locateEnvironments(config.environments, accounts, log);
  const cache = planClusterCacheRules(config, locations, accounts.declaredIds);
  return { cache, findings: findingLines(log) };
}

describe("planClusterCacheRules", () => {
  test("an ECR-to-ECR rule to an account the config does not declare is marked upstreamUnmanaged; one to a declared account is not", () => {
    const ecr = { undeclared: { account: "333333333333", region: "us-east-1", roleArn: "arn:aws:iam::111111111111:role/ptc" }, declared: { account: "222222222222", region: "us-east-1", roleArn: "arn:aws:iam::111111111111:role/ptc" } };
    const { cache } = plan({
      accounts: { main: { id: "111111111111", registry: { pullThroughCache: { ecr } } }, build: { id: "222222222222" } },
      environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} } },
    });
    expect(cache.rulesByRegistry.get("111111111111/us-east-1")!.map((rule) => [rule.prefix, rule.upstreamUnmanaged])).toEqual([
      ["declared", undefined],
      ["undeclared", true],
    ]);
  });

  test("each cluster registry gets its configured rules plus an ECR-to-ECR rule, and a role, for our images in another account", () => {
    const { cache, findings } = plan({
      accounts: { main: { id: "111111111111", registry: { pullThroughCache: { ecrPublic: true } } }, build: { id: "222222222222" } },
      environments: {
        prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { web: { image: BUILD_IMAGE, desiredCount: 1 } } },
        ci: { account: "build", regions: { "us-east-1": { vpc: VPC } }, services: {} },
      },
    });
    expect([...cache.clusterRegistries]).toEqual([
      ["111111111111/us-east-1", { account: "111111111111", region: "us-east-1", alias: "main" }],
      ["222222222222/us-east-1", { account: "222222222222", region: "us-east-1", alias: "build" }],
    ]);
    // Sorted by prefix: "2..." < "e..." in code points.
    expect(cache.rulesByRegistry.get("111111111111/us-east-1")).toEqual([
      {
        kind: "ecr",
        prefix: "222222222222-us-east-1",
        upstreamAccount: "222222222222",
        upstreamRegion: "us-east-1",
        upstreamRegistryUrl: "222222222222.dkr.ecr.us-east-1.amazonaws.com",
        customRoleArn: "arn:aws:iam::111111111111:role/pullguard--ecr-upstream-us-east-1",
        configPath: "accounts.main.registry.ownImages",
      },
      // Without a Docker Hub rule the ECR Public rule serves Docker Official Images from its mirror.
      { kind: "ecr-public", prefix: "ecr-public", upstreamRegistryUrl: "public.ecr.aws", configPath: "accounts.main.registry.pullThroughCache.ecrPublic", servesOfficialImages: true },
    ]);
    // The build account declares no registry block: no rules, and none of its images come from elsewhere.
    expect(cache.rulesByRegistry.get("222222222222/us-east-1")).toEqual([]);
    expect([...cache.upstreamRoles.keys()]).toEqual(["111111111111/us-east-1"]);
    expect(cache.upstreamRoles.get("111111111111/us-east-1")!.name).toBe("pullguard--ecr-upstream-us-east-1");
    expect(findings).toEqual([]);
  });

  test("two environments in one account and Region share one registry and one rule list", () => {
    const { cache } = plan({
      accounts: { main: { id: "111111111111", registry: { pullThroughCache: { quay: true } } } },
      environments: {
        prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} },
        dev: { account: "main", regions: { "us-east-1": { vpc: VPC }, "eu-west-1": { vpc: VPC } }, services: {} },
      },
    });
    // prod's us-east-1 comes first; dev adds eu-west-1 (its Regions in code-point order).
    expect([...cache.rulesByRegistry.keys()]).toEqual(["111111111111/us-east-1", "111111111111/eu-west-1"]);
    expect(cache.rulesByRegistry.get("111111111111/eu-west-1")!.map((r) => r.prefix)).toEqual(["quay"]);
    expect(cache.upstreamRoles.size).toBe(0);
  });

  test("a same-account image from another Region gets a rule without a role (ECR's service-linked role reads it)", () => {
    const { cache, findings } = plan({
      accounts: { main: { id: "111111111111" } },
      environments: { prod: { account: "main", regions: { "eu-west-1": { vpc: VPC } }, services: { web: { image: "111111111111.dkr.ecr.us-east-1.amazonaws.com/web:1.0", desiredCount: 1 } } } },
    });
    expect(cache.rulesByRegistry.get("111111111111/eu-west-1")).toEqual([
      {
        kind: "ecr",
        prefix: "111111111111-us-east-1",
        upstreamAccount: "111111111111",
        upstreamRegion: "us-east-1",
        upstreamRegistryUrl: "111111111111.dkr.ecr.us-east-1.amazonaws.com",
        configPath: "accounts.main.registry.ownImages",
      },
    ]);
    expect(cache.upstreamRoles.size).toBe(0);
    expect(findings).toEqual([]);
  });

  test("bad rules are planned, in prefix order, with their prefixes as declared for the rules to judge", () => {
    const { cache, findings } = plan({
      accounts: {
        main: {
          id: "111111111111",
          registry: { pullThroughCache: { quay: { prefix: "mirror" }, k8s: { prefix: "mirror" }, ecr: { self: { account: "111111111111", region: "us-east-1" }, other: { account: "333333333333", region: "us-east-1" } } } },
        },
      },
      environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} } },
    });
    expect(cache.rulesByRegistry.get("111111111111/us-east-1")!.map((r) => r.prefix)).toEqual(["mirror", "mirror", "other", "self"]);
    // Declared: fixed-host upstreams in table order (quay before k8s), then ecr in config order.
    expect(cache.declaredPrefixesByRegistry.get("111111111111/us-east-1")).toEqual([
      { prefix: "mirror", configPath: "accounts.main.registry.pullThroughCache.quay" },
      { prefix: "mirror", configPath: "accounts.main.registry.pullThroughCache.k8s" },
      { prefix: "self", configPath: "accounts.main.registry.pullThroughCache.ecr.self" },
      { prefix: "other", configPath: "accounts.main.registry.pullThroughCache.ecr.other" },
    ]);
    // Judged on the finished plan: __tests__/rules/cache-rules.test.ts.
    expect(findings).toEqual([]);
  });
});
