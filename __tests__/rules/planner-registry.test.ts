/**
 * The registry findings about each account's registries: judged on the plan by pack rules
 * (core/rules/cache-*.ts, registry-arn-location.ts) or, for PG-REGION-OVERRIDE-UNKNOWN, while
 * planning. For each id, a config that comes close without emitting it and one that emits exactly
 * it, at a hand-written path with the catalogued level.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { ACCOUNT, emitted, OTHER_ACCOUNT, OWN_IMAGE, platform, VPC } from "./rule-cases";

type RegistryInput = NonNullable<PlatformConfigInput["accounts"][string]["registry"]>;
type CacheInput = NonNullable<RegistryInput["pullThroughCache"]>;

const CACHE = "accounts.main.registry.pullThroughCache";
const create = { source: "create" as const };
/** Account "main" with the given registry, one service on its own ECR image, in the given Regions. */
const withRegistry = (registry: RegistryInput, regions: readonly string[] = ["us-east-1"]): PlatformConfigInput =>
  platform(
    { web: { image: OWN_IMAGE, desiredCount: 2 } },
    { regions: Object.fromEntries(regions.map((r) => [r, { vpc: VPC }])) },
    { accounts: { main: { id: ACCOUNT, registry } } },
  );
const withCache = (cache: CacheInput, regions?: readonly string[]) => withRegistry({ pullThroughCache: cache }, regions);
const secret = (account: string, region: string) => `arn:aws:secretsmanager:${region}:${account}:secret:ecr-pullthroughcache/docker-hub-AbCdEf`;
const role = (account: string) => `arn:aws:iam::${account}:role/ptc`;

describe("PG-CACHE-PREFIX-DUPLICATE (error)", () => {
  test("compliant: two upstreams under their own prefixes", () => {
    expect(emitted(withCache({ quay: { prefix: "cache" }, k8s: { prefix: "cache-k8s" } }), "PG-CACHE-PREFIX-DUPLICATE")).toEqual([]);
  });
  test("non-compliant: two upstreams under one prefix, reported at the second", () => {
    expect(emitted(withCache({ quay: { prefix: "cache" }, k8s: { prefix: "cache" } }), "PG-CACHE-PREFIX-DUPLICATE")).toEqual([["error", `${CACHE}.k8s`]]);
  });
});

describe("PG-CACHE-PREFIX-NESTED (error)", () => {
  test("compliant: a prefix that only starts with the other's letters", () => {
    expect(emitted(withCache({ quay: { prefix: "cache" }, k8s: { prefix: "cachek8s" } }), "PG-CACHE-PREFIX-NESTED")).toEqual([]);
  });
  test("non-compliant: one prefix a path under the other", () => {
    expect(emitted(withCache({ quay: { prefix: "cache" }, k8s: { prefix: "cache/k8s" } }), "PG-CACHE-PREFIX-NESTED")).toEqual([["error", `${CACHE}.k8s`]]);
  });
});

const azure = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`az${String(i).padStart(2, "0")}`, { registryName: `contoso${String(i).padStart(2, "0")}`, credential: create }]));

describe("PG-CACHE-RULE-LIMIT (error)", () => {
  test("compliant: 50 rules, ECR's limit per registry", () => {
    expect(emitted(withCache({ azure: azure(50) }), "PG-CACHE-RULE-LIMIT")).toEqual([]);
  });
  test("non-compliant: 51 rules", () => {
    expect(emitted(withCache({ azure: azure(51) }), "PG-CACHE-RULE-LIMIT")).toEqual([["error", CACHE]]);
  });
});

describe("PG-CACHE-SELF (error)", () => {
  test("compliant: an ECR-to-ECR rule from the same account's other Region", () => {
    expect(emitted(withCache({ ecr: { west: { account: ACCOUNT, region: "us-west-2" } } }), "PG-CACHE-SELF")).toEqual([]);
  });
  test("non-compliant: an ECR-to-ECR rule from the registry itself", () => {
    expect(emitted(withCache({ ecr: { self: { account: ACCOUNT, region: "us-east-1", roleArn: role(ACCOUNT) } } }), "PG-CACHE-SELF")).toEqual([["error", `${CACHE}.ecr.self`]]);
  });
});

describe("PG-CACHE-ROLE-ACCOUNT (error)", () => {
  test("compliant: a cross-account rule with a role of the registry's account", () => {
    expect(emitted(withCache({ ecr: { other: { account: OTHER_ACCOUNT, region: "us-east-1", roleArn: role(ACCOUNT) } } }), "PG-CACHE-ROLE-ACCOUNT")).toEqual([]);
  });
  test("non-compliant: a role of the upstream's account", () => {
    expect(emitted(withCache({ ecr: { other: { account: OTHER_ACCOUNT, region: "us-east-1", roleArn: role(OTHER_ACCOUNT) } } }), "PG-CACHE-ROLE-ACCOUNT")).toEqual([
      ["error", `${CACHE}.ecr.other.roleArn`],
    ]);
  });
});

describe("PG-CACHE-ROLE-MISSING (error)", () => {
  test("compliant: a same-account cross-Region rule needs no role", () => {
    expect(emitted(withCache({ ecr: { west: { account: ACCOUNT, region: "us-west-2" } } }), "PG-CACHE-ROLE-MISSING")).toEqual([]);
  });
  test("non-compliant: a cross-account rule without a role", () => {
    expect(emitted(withCache({ ecr: { other: { account: OTHER_ACCOUNT, region: "us-east-1" } } }), "PG-CACHE-ROLE-MISSING")).toEqual([["error", `${CACHE}.ecr.other.roleArn`]]);
  });
});

const existing = (secretArns: Record<string, string>) => ({ dockerHub: { credential: { source: "existing" as const, secretArns } } });

describe("PG-CACHE-SECRET-REGION (error)", () => {
  test("compliant: a secret for each cluster Region", () => {
    const arns = { "us-east-1": secret(ACCOUNT, "us-east-1"), "eu-west-1": secret(ACCOUNT, "eu-west-1") };
    expect(emitted(withCache(existing(arns), ["us-east-1", "eu-west-1"]), "PG-CACHE-SECRET-REGION")).toEqual([]);
  });
  test("non-compliant: no secret for the second cluster Region", () => {
    expect(emitted(withCache(existing({ "us-east-1": secret(ACCOUNT, "us-east-1") }), ["us-east-1", "eu-west-1"]), "PG-CACHE-SECRET-REGION")).toEqual([
      ["error", `${CACHE}.dockerHub.credential.secretArns`],
    ]);
  });
});

describe("PG-REGISTRY-ARN-LOCATION (error)", () => {
  test("compliant: the secret is in the registry's account and Region", () => {
    expect(emitted(withCache(existing({ "us-east-1": secret(ACCOUNT, "us-east-1") })), "PG-REGISTRY-ARN-LOCATION")).toEqual([]);
  });
  test("non-compliant: the secret is in another account", () => {
    expect(emitted(withCache(existing({ "us-east-1": secret(OTHER_ACCOUNT, "us-east-1") })), "PG-REGISTRY-ARN-LOCATION")).toEqual([
      ["error", `${CACHE}.dockerHub.credential.secretArns.us-east-1`],
    ]);
  });
});

describe("PG-REGION-OVERRIDE-UNKNOWN (error)", () => {
  test("compliant: a registry override for a Region the account runs in", () => {
    expect(emitted(withRegistry({ regions: { "us-east-1": {} } }), "PG-REGION-OVERRIDE-UNKNOWN")).toEqual([]);
  });
  test("non-compliant: a registry override for a Region without a registry stack", () => {
    expect(emitted(withRegistry({ regions: { "eu-west-1": {} } }), "PG-REGION-OVERRIDE-UNKNOWN")).toEqual([["error", "accounts.main.registry.regions.eu-west-1"]]);
  });
});
