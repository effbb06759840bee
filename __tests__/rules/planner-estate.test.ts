/**
 * The estate findings about accounts, registries and shared VPCs joined into one estate
 * (core/estate): judged on the plan by pack rules (account-access.ts, existing-singletons.ts,
 * registry-policy-sid.ts, shared-vpc.ts, deploy-order.ts under core/rules/) or, where the plan
 * cannot hold the thing, while planning. For each id, a config that comes close without emitting it
 * and one that emits exactly it, at a hand-written path with the catalogued level.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { ACCOUNT, emitted, OTHER_ACCOUNT, OWN_IMAGE, platform, VPC } from "./rule-cases";

type RegistryInput = NonNullable<PlatformConfigInput["accounts"][string]["registry"]>;
type EnvironmentInput = PlatformConfigInput["environments"][string];

const web = { web: { image: OWN_IMAGE, desiredCount: 2 } };
const EXISTING = "accounts.main.registry.existing.us-east-1";
/** Account "main" caching Docker Hub (created credential) and Quay, plus the given registry fields. */
const withRegistry = (registry: Partial<RegistryInput>, more: Partial<PlatformConfigInput["accounts"][string]> = {}) =>
  platform(web, {}, { accounts: { main: { id: ACCOUNT, registry: { pullThroughCache: { dockerHub: { credential: { source: "create" } }, quay: true }, ...registry }, ...more } } });

describe("PG-ASSUME-ROLE-ACCOUNT (error)", () => {
  test("compliant: a deploy role in the account itself", () => {
    expect(emitted(withRegistry({}, { assumeRole: { roleArn: `arn:aws:iam::${ACCOUNT}:role/deploy` } }), "PG-ASSUME-ROLE-ACCOUNT")).toEqual([]);
  });
  test("non-compliant: a deploy role of another account", () => {
    expect(emitted(withRegistry({}, { assumeRole: { roleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/deploy` } }), "PG-ASSUME-ROLE-ACCOUNT")).toEqual([["error", "accounts.main.assumeRole.roleArn"]]);
  });
});

describe("PG-EXISTING-REGION (error)", () => {
  test("compliant: existing singletons of the Region the account runs in", () => {
    expect(emitted(withRegistry({ existing: { "us-east-1": { scanning: true } } }), "PG-EXISTING-REGION")).toEqual([]);
  });
  test("non-compliant: existing singletons of a Region without a registry stack", () => {
    expect(emitted(withRegistry({ existing: { "eu-west-1": { scanning: true } } }), "PG-EXISTING-REGION")).toEqual([["error", "accounts.main.registry.existing.eu-west-1"]]);
  });
});

describe("PG-EXISTING-UNMANAGED (warning)", () => {
  test("compliant: an existing registry policy pullguard manages (registryPolicyStatements make one)", () => {
    const statements = [{ Sid: "LetCiPush", Effect: "Allow" as const, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }, Action: "ecr:CreateRepository", Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*` }];
    expect(emitted(withRegistry({ existing: { "us-east-1": { registryPolicy: true } }, registryPolicyStatements: statements }), "PG-EXISTING-UNMANAGED")).toEqual([]);
  });
  test("non-compliant: an existing registry policy where pullguard needs none", () => {
    expect(emitted(withRegistry({ existing: { "us-east-1": { registryPolicy: true } } }), "PG-EXISTING-UNMANAGED")).toEqual([["warning", `${EXISTING}.registryPolicy`]]);
  });
});

describe("PG-EXISTING-CACHE-RULE (error)", () => {
  test("compliant: importing the Quay rule the registry plans", () => {
    expect(emitted(withRegistry({ existing: { "us-east-1": { pullThroughCacheRules: ["quay"] } } }), "PG-EXISTING-CACHE-RULE")).toEqual([]);
  });
  test("non-compliant: importing a rule the registry does not plan", () => {
    expect(emitted(withRegistry({ existing: { "us-east-1": { pullThroughCacheRules: ["k8s"] } } }), "PG-EXISTING-CACHE-RULE")).toEqual([["error", `${EXISTING}.pullThroughCacheRules`]]);
  });
});

const secretArn = (account: string, region: string) => `arn:aws:secretsmanager:${region}:${account}:secret:ecr-pullthroughcache/docker-hub-AbCdEf`;

describe("PG-EXISTING-CREDENTIAL-SECRET (error)", () => {
  test("compliant: the created Docker Hub secret, in the registry's account and Region", () => {
    expect(emitted(withRegistry({ existing: { "us-east-1": { credentialSecrets: { "docker-hub": secretArn(ACCOUNT, "us-east-1") } } } }), "PG-EXISTING-CREDENTIAL-SECRET")).toEqual([]);
  });
  test("non-compliant: the secret is in another Region", () => {
    expect(emitted(withRegistry({ existing: { "us-east-1": { credentialSecrets: { "docker-hub": secretArn(ACCOUNT, "us-west-2") } } } }), "PG-EXISTING-CREDENTIAL-SECRET")).toEqual([
      ["error", `${EXISTING}.credentialSecrets.docker-hub`],
    ]);
  });
});

describe("PG-REGISTRY-POLICY-SID (error)", () => {
  const statement = (Sid: string) => ({ Sid, Effect: "Allow" as const, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }, Action: "ecr:CreateRepository", Resource: "*" });
  test("compliant: a Sid of the user's own", () => {
    expect(emitted(withRegistry({ registryPolicyStatements: [statement("LetCiPush")] }), "PG-REGISTRY-POLICY-SID")).toEqual([]);
  });
  test("non-compliant: a Sid pullguard's own registry policy uses", () => {
    expect(emitted(withRegistry({ registryPolicyStatements: [statement("AcceptReplication")] }), "PG-REGISTRY-POLICY-SID")).toEqual([["error", "accounts.main.registry.registryPolicyStatements[0].Sid"]]);
  });
});

describe("PG-FIRST-APPLY-REPLACES (warning)", () => {
  test("compliant: importing a cache rule, which the first apply keeps", () => {
    expect(emitted(withRegistry({ existing: { "us-east-1": { pullThroughCacheRules: ["quay"] } } }), "PG-FIRST-APPLY-REPLACES")).toEqual([]);
  });
  test("non-compliant: importing the scanning configuration, which the first apply replaces", () => {
    expect(emitted(withRegistry({ existing: { "us-east-1": { scanning: true } } }), "PG-FIRST-APPLY-REPLACES")).toEqual([["warning", EXISTING]]);
  });
});

/** Environments a and b (b of the given account) in one VPC, as b declares it. */
const sharing = (b: Partial<EnvironmentInput> & { account?: string }, vpc: Partial<typeof VPC> = {}, a: Partial<EnvironmentInput> = {}): PlatformConfigInput => ({
  accounts: { main: { id: ACCOUNT }, other: { id: OTHER_ACCOUNT } },
  environments: {
    a: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {}, ...a },
    b: { account: "main", regions: { "us-east-1": { vpc: { ...VPC, ...vpc } } }, services: {}, ...b },
  },
});

describe("PG-SHARED-VPC-CIDR (error)", () => {
  test("compliant: both declare the VPC with one CIDR", () => {
    expect(emitted(sharing({}), "PG-SHARED-VPC-CIDR")).toEqual([]);
  });
  test("non-compliant: the later stack declares another CIDR", () => {
    expect(emitted(sharing({}, { cidr: "10.1.0.0/16" }), "PG-SHARED-VPC-CIDR")).toEqual([["error", "environments.b.regions.us-east-1.vpc.cidr"]]);
  });
});

describe("PG-SHARED-VPC-ACCOUNT (error)", () => {
  test("compliant: both environments of one account", () => {
    expect(emitted(sharing({}), "PG-SHARED-VPC-ACCOUNT")).toEqual([]);
  });
  test("non-compliant: the later environment of another account", () => {
    expect(emitted(sharing({ account: "other" }), "PG-SHARED-VPC-ACCOUNT")).toEqual([["error", "environments.b.regions.us-east-1.vpc.id"]]);
  });
});

describe("PG-SHARED-VPC-ENDPOINT (error)", () => {
  const endpointIn = (id: string) => ({ regions: { "us-east-1": { vpc: VPC, endpoints: { s3: { existingId: id } } } } });
  test("compliant: both name the same existing s3 endpoint", () => {
    expect(emitted(sharing(endpointIn("vpce-0a0a0a0a0a0a0a0a0"), {}, endpointIn("vpce-0a0a0a0a0a0a0a0a0")), "PG-SHARED-VPC-ENDPOINT")).toEqual([]);
  });
  test("non-compliant: two existing s3 endpoints for one VPC", () => {
    expect(emitted(sharing(endpointIn("vpce-0b0b0b0b0b0b0b0b0"), {}, endpointIn("vpce-0a0a0a0a0a0a0a0a0")), "PG-SHARED-VPC-ENDPOINT")).toEqual([["error", "environments.b.regions.us-east-1.endpoints"]]);
  });
});

describe("PG-UPSTREAM-POLICY (warning)", () => {
  const cachingFrom = (accounts: PlatformConfigInput["accounts"]) =>
    platform(web, {}, { accounts: { main: { id: ACCOUNT, registry: { pullThroughCache: { ecr: { other: { account: OTHER_ACCOUNT, region: "us-east-1", roleArn: `arn:aws:iam::${ACCOUNT}:role/ptc` } } } } }, ...accounts } });
  test("compliant: the upstream account is declared, so pullguard writes its grant", () => {
    expect(emitted(cachingFrom({ other: { id: OTHER_ACCOUNT } }), "PG-UPSTREAM-POLICY")).toEqual([]);
  });
  test("non-compliant: the upstream account is not declared", () => {
    expect(emitted(cachingFrom({}), "PG-UPSTREAM-POLICY")).toEqual([["warning", "accounts.main.registry.pullThroughCache.ecr.other"]]);
  });
});

describe("PG-DEPLOY-ORDER (warning)", () => {
  const replicating = (alias: string, to: string | undefined, prefix: string) => ({
    id: alias === "main" ? ACCOUNT : OTHER_ACCOUNT,
    registry: to === undefined ? {} : { replicationRules: [{ sourceRegion: "us-east-1", destinations: [{ account: to, region: "us-east-1" }], repositoryPrefixes: [prefix] }] },
  });
  const estate = (otherReplicatesBack: boolean): PlatformConfigInput => ({
    accounts: { main: replicating("main", "other", "team-a"), other: replicating("other", otherReplicatesBack ? "main" : undefined, "team-b") },
    environments: {
      prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: web },
      tools: { account: "other", regions: { "us-east-1": { vpc: { ...VPC, id: "vpc-0a1b2c3e" } } }, services: {} },
    },
  });
  test("compliant: one registry replicates into the other", () => {
    expect(emitted(estate(false), "PG-DEPLOY-ORDER")).toEqual([]);
  });
  // Registries are ordered by stack name: 1111... waits for 2222..., so 2222... cannot also wait for 1111...
  test("non-compliant: two registries replicate into each other, reported at the later registry's replication rules", () => {
    expect(emitted(estate(true), "PG-DEPLOY-ORDER")).toEqual([["warning", "accounts.other.registry.replicationRules"]]);
  });
});
