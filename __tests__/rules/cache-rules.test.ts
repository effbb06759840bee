/**
 * The pull-through cache rules judged on the finished plan (core/rules/cache-*.ts): exact
 * messages, paths and stacks, hand-written. planner-registry.test.ts holds each id's compliant and
 * non-compliant cases; here, the lines a user reads, and the cases a rule must not confuse.
 */
import { parseConfig } from "../../config/load";
import type { PlatformConfigInput } from "../../config/schema";
import { planPlatform } from "../../core/plan";
import type { Rule } from "../../core/rules/rule";
import { cachePrefixDuplicate } from "../../core/rules/cache-prefix-duplicate";
import { cachePrefixNested } from "../../core/rules/cache-prefix-nested";
import { cacheRoleAccount } from "../../core/rules/cache-role-account";
import { cacheRoleMissing } from "../../core/rules/cache-role-missing";
import { cacheRuleLimit } from "../../core/rules/cache-rule-limit";
import { cacheSecretRegion } from "../../core/rules/cache-secret-region";
import { cacheSelf } from "../../core/rules/cache-self";
import { ACCOUNT, findingsOf, OTHER_ACCOUNT, OWN_IMAGE, platform, VPC } from "./rule-cases";

type CacheInput = NonNullable<NonNullable<PlatformConfigInput["accounts"][string]["registry"]>["pullThroughCache"]>;

const STACK = `registry-${ACCOUNT}-us-east-1`;
const CACHE = "accounts.main.registry.pullThroughCache";
const withCache = (pullThroughCache: CacheInput, regions: readonly string[] = ["us-east-1"]): PlatformConfigInput =>
  platform(
    { web: { image: OWN_IMAGE, desiredCount: 2 } },
    { regions: Object.fromEntries(regions.map((r) => [r, { vpc: VPC }])) },
    { accounts: { main: { id: ACCOUNT, registry: { pullThroughCache } } } },
  );
const lines = (config: PlatformConfigInput, rule: Rule) => findingsOf(config, rule).map((f) => `${f.level} [${f.stack}] ${f.path}: ${f.message}`);

describe("cache prefixes, as declared", () => {
  test("a duplicate is reported at the later declaration, naming the earlier", () => {
    // quay comes before k8s in the upstream table, whatever the key order of the config.
    expect(lines(withCache({ k8s: { prefix: "mirror" }, quay: { prefix: "mirror" } }), cachePrefixDuplicate)).toEqual([
      `error [${STACK}] ${CACHE}.k8s: uses prefix "mirror", already used by ${CACHE}.quay; prefixes must be unique per registry`,
    ]);
  });

  test("a nested prefix is reported at the later declaration even when it sorts first (the shorter prefix)", () => {
    expect(lines(withCache({ quay: { prefix: "mirror/quay" }, k8s: { prefix: "mirror" } }), cachePrefixNested)).toEqual([
      `error [${STACK}] ${CACHE}.k8s: prefix "mirror" nests with "mirror/quay" (${CACHE}.quay); cached repositories would be ambiguous`,
    ]);
  });

  test("a duplicate is not also a nesting, and a shared start without a slash is neither", () => {
    const config = withCache({ quay: { prefix: "mirror" }, k8s: { prefix: "mirror" }, ecr: { mirrorx: { account: ACCOUNT, region: "us-west-2" } } });
    expect(lines(config, cachePrefixNested)).toEqual([]);
    expect(lines(config, cachePrefixDuplicate)).toHaveLength(1);
  });
});

describe("ECR-to-ECR rules", () => {
  test("its own registry, a role of another account, a missing cross-account role: one line each", () => {
    const config = withCache({
      ecr: {
        self: { account: ACCOUNT, region: "us-east-1" },
        foreign: { account: OTHER_ACCOUNT, region: "us-east-1", roleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/ptc` },
        bare: { account: OTHER_ACCOUNT, region: "us-west-2" },
      },
    });
    expect(lines(config, cacheSelf)).toEqual([`error [${STACK}] ${CACHE}.ecr.self: points at its own registry (${ACCOUNT}/us-east-1); an ECR-to-ECR rule needs another account or Region`]);
    expect(lines(config, cacheRoleAccount)).toEqual([
      `error [${STACK}] ${CACHE}.ecr.foreign.roleArn: is in account ${OTHER_ACCOUNT}, but ECR assumes it for registry ${ACCOUNT}; the role must be in the registry's own account`,
    ]);
    expect(lines(config, cacheRoleMissing)).toEqual([
      `error [${STACK}] ${CACHE}.ecr.bare.roleArn: is required: a cross-account ECR-to-ECR rule needs a role in account ${ACCOUNT} that may pull from ${OTHER_ACCOUNT}`,
    ]);
  });

  test("the rule pullguard derives for our own images in another account carries its own role: no finding", () => {
    const config = platform({ web: { image: `${OTHER_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.0`, desiredCount: 2 } }, {}, {
      accounts: { main: { id: ACCOUNT }, build: { id: OTHER_ACCOUNT } },
    });
    const parsed = parseConfig(config);
    if (!parsed.ok) throw new Error("invalid case");
    const main = planPlatform(parsed.config).registries.find((r) => r.account === ACCOUNT)!;
    expect(main.cacheRules.map((r) => [r.kind, r.upstreamAccount, r.customRoleArn?.split(":")[4]])).toEqual([["ecr", OTHER_ACCOUNT, ACCOUNT]]);
    expect([cacheSelf, cacheRoleAccount, cacheRoleMissing].flatMap((rule) => lines(config, rule))).toEqual([]);
  });
});

describe("credentials and the rule count", () => {
  test("an existing secret missing for one cluster Region is reported for that Region's registry only", () => {
    const secret = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ecr-pullthroughcache/docker-hub-AbCdEf`;
    const config = withCache({ dockerHub: { credential: { source: "existing", secretArns: { "us-east-1": secret } } } }, ["us-east-1", "eu-west-1"]);
    expect(lines(config, cacheSecretRegion)).toEqual([
      `error [registry-${ACCOUNT}-eu-west-1] ${CACHE}.dockerHub.credential.secretArns: has no secret for eu-west-1, where account main runs clusters (the secret must be in the rule's Region)`,
    ]);
  });

  test("a created credential and an upstream without one are not missing a secret", () => {
    expect(lines(withCache({ ghcr: { credential: { source: "create" } }, quay: true }), cacheSecretRegion)).toEqual([]);
  });

  test("51 rules: one line at the registry's pullThroughCache", () => {
    const azure = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`az${String(i).padStart(2, "0")}`, { registryName: `contoso${String(i).padStart(2, "0")}`, credential: { source: "create" as const } }]));
    expect(lines(withCache({ azure }), cacheRuleLimit)).toEqual([`error [${STACK}] ${CACHE}: declares 51 pull-through cache rules; ECR allows at most 50 per registry`]);
  });
});
