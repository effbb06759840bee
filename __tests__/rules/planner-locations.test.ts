/**
 * The findings about accounts, environments, stacks and their Regions: the planner raises some
 * while placing them (core/locations, core/plan/checks.ts), pack rules judge the facts it records
 * (core/rules/accounts.ts, stack-names.ts, state-backends.ts, alert-topic.ts, region-bound-arns.ts,
 * endpoint-ids.ts). For each id, a config that comes close without emitting it and one that emits
 * exactly it, at a hand-written path with the catalogued level.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { ACCOUNT, emitted, OTHER_ACCOUNT, OWN_IMAGE, platform, SECOND_VPC, VPC } from "./rule-cases";

const SERVICE = "environments.prod.services.web";
const web = { web: { image: OWN_IMAGE, desiredCount: 2 } };
/** Account "main" only, so ids and aliases are the case's own. */
const accounts = (more: PlatformConfigInput["accounts"] = {}) => ({ accounts: { main: { id: ACCOUNT }, ...more } });
const twoRegions = { regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: SECOND_VPC } } };

describe("PG-ACCOUNT-DUPLICATE (error)", () => {
  test("compliant: two aliases, two ids", () => {
    expect(emitted(platform(web, {}, accounts({ shared: { id: OTHER_ACCOUNT } })), "PG-ACCOUNT-DUPLICATE")).toEqual([]);
  });
  test("non-compliant: a second alias for the same id, reported at the second", () => {
    expect(emitted(platform(web, {}, accounts({ shared: { id: ACCOUNT } })), "PG-ACCOUNT-DUPLICATE")).toEqual([["error", "accounts.shared.id"]]);
  });
});

describe("PG-UNKNOWN-ACCOUNT (error)", () => {
  const replicatingTo = (account: string) =>
    platform(web, {}, { accounts: { main: { id: ACCOUNT, registry: { replicationRules: [{ sourceRegion: "us-east-1", destinations: [{ account, region: "eu-west-1" }], repositoryPrefixes: ["shared"] }] } } } });
  test("compliant: a replication destination naming a declared alias", () => {
    expect(emitted(replicatingTo("main"), "PG-UNKNOWN-ACCOUNT")).toEqual([]);
  });
  test("non-compliant: a replication destination naming an undeclared alias", () => {
    expect(emitted(replicatingTo("nobody"), "PG-UNKNOWN-ACCOUNT")).toEqual([["error", "accounts.main.registry.replicationRules[0].destinations[0].account"]]);
  });
});

describe("PG-STACK-NAME-DUPLICATE (error)", () => {
  const withSecond = (name: string) => ({ environments: { ...platform(web, twoRegions).environments, [name]: { account: "main", regions: { "eu-west-1": { vpc: VPC } }, services: {} } } });
  test("compliant: a second environment whose name differs from prod's per-Region stack names", () => {
    expect(emitted(platform(web, twoRegions, withSecond("prod-eu")), "PG-STACK-NAME-DUPLICATE")).toEqual([]);
  });
  test("non-compliant: an environment named like prod's us-east-1 stack", () => {
    expect(emitted(platform(web, twoRegions, withSecond("prod-us-east-1")), "PG-STACK-NAME-DUPLICATE")).toEqual([["error", "environments.prod-us-east-1"]]);
  });
});

describe("PG-STACK-NAME-RESERVED (error)", () => {
  const named = (name: string) => ({ environments: { [name]: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} } } });
  test("compliant: an environment named like a JavaScript word that is not an Object property", () => {
    expect(emitted(platform(web, {}, named("prototype")), "PG-STACK-NAME-RESERVED")).toEqual([]);
  });
  test("non-compliant: an environment named constructor", () => {
    expect(emitted(platform(web, {}, named("constructor")), "PG-STACK-NAME-RESERVED")).toEqual([["error", "environments.constructor"]]);
  });
});

const BUCKET = { type: "s3" as const, bucket: "team-state", region: "us-east-1" };

describe("PG-BACKEND-SHARED (error)", () => {
  test("compliant: prod's own key in the shared bucket", () => {
    expect(emitted(platform(web, {}, { backend: BUCKET, stackBackends: { prod: { ...BUCKET, key: "pullguard/prod-main.tfstate" } } }), "PG-BACKEND-SHARED")).toEqual([]);
  });
  test("non-compliant: prod's key is the registry stack's", () => {
    const shared = { backend: BUCKET, stackBackends: { prod: { ...BUCKET, key: `pullguard/registry-${ACCOUNT}-us-east-1.tfstate` } } };
    expect(emitted(platform(web, {}, shared), "PG-BACKEND-SHARED")).toEqual([["error", "stackBackends.prod"]]);
  });
});

describe("PG-BACKEND-UNKNOWN-STACK (error)", () => {
  test("compliant: an entry for the stack prod", () => {
    expect(emitted(platform(web, {}, { stackBackends: { prod: { type: "local" } } }), "PG-BACKEND-UNKNOWN-STACK")).toEqual([]);
  });
  test("non-compliant: an entry for prod-us-east-1, a name prod only has in a multi-Region environment", () => {
    expect(emitted(platform(web, {}, { stackBackends: { "prod-us-east-1": { type: "local" } } }), "PG-BACKEND-UNKNOWN-STACK")).toEqual([["error", "stackBackends.prod-us-east-1"]]);
  });
});

describe("PG-ALARM-TOPIC-REGION (error)", () => {
  const topic = (region: string) => ({ detection: { alarmTopicArn: `arn:aws:sns:${region}:${ACCOUNT}:alerts` } });
  test("compliant: a topic in the Region of every stack", () => {
    expect(emitted(platform(web, {}, topic("us-east-1")), "PG-ALARM-TOPIC-REGION")).toEqual([]);
  });
  test("non-compliant: a topic in us-east-1 while a Region of the environment is us-west-2", () => {
    expect(emitted(platform(web, twoRegions, topic("us-east-1")), "PG-ALARM-TOPIC-REGION")).toEqual([["error", "detection.alarmTopicArn"]]);
  });
});

describe("PG-ARN-REGION (error)", () => {
  const withSecret = (region: string) => platform({ web: { image: OWN_IMAGE, desiredCount: 2, secrets: { DB: `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:db-AbCdEf` } } });
  test("compliant: a secret in the environment's Region", () => {
    expect(emitted(withSecret("us-east-1"), "PG-ARN-REGION")).toEqual([]);
  });
  test("non-compliant: a secret of another Region", () => {
    expect(emitted(withSecret("us-west-2"), "PG-ARN-REGION")).toEqual([["error", `${SERVICE}.secrets.DB`]]);
  });
});

describe("PG-ENDPOINT-ID-MULTI-REGION (error)", () => {
  const endpoints = { s3: { existingId: "vpce-0a1b2c3d4e5f60718" } };
  test("compliant: an existing endpoint id in a one-Region environment", () => {
    expect(emitted(platform(web, { endpoints }), "PG-ENDPOINT-ID-MULTI-REGION")).toEqual([]);
  });
  // One finding for the environment, whatever its number of Regions (it is no one stack's mistake).
  test("non-compliant: an existing endpoint id at the environment level of a two-Region environment", () => {
    expect(emitted(platform(web, { endpoints, ...twoRegions }), "PG-ENDPOINT-ID-MULTI-REGION")).toEqual([["error", "environments.prod.endpoints.s3"]]);
  });
});
