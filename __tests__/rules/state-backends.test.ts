/**
 * One state file per stack (core/rules/state-backends.ts): the finding points at the stackBackends
 * entry that causes a clash, or at the shared backend when no entry does.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { backendShared } from "../../core/rules/backend-shared";
import { ACCOUNT, findingsOf, OWN_IMAGE, platform, SECOND_VPC, VPC } from "./rule-cases";

const BUCKET = { type: "s3" as const, bucket: "team-state", region: "us-east-1" };
const REGISTRY = `registry-${ACCOUNT}-us-east-1`;
const web = { web: { image: OWN_IMAGE, desiredCount: 1 } };
/** Environments "dev" and "prod" in us-east-1 with one registry stack, and the given backends. */
const twoEnvironments = (top: Partial<PlatformConfigInput>) =>
  platform(web, {}, { accounts: { main: { id: ACCOUNT } }, environments: { dev: { account: "main", regions: { "us-east-1": { vpc: SECOND_VPC } }, services: web }, prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: web } }, ...top });
const lines = (config: PlatformConfigInput) => findingsOf(config, backendShared).map((f) => `${f.level} ${f.stack ?? "-"} ${f.path}: ${f.message}`);

describe("shared state files", () => {
  test("every stack its own key under the shared backend", () => {
    expect(lines(twoEnvironments({ backend: BUCKET }))).toEqual([]);
  });

  test("two stacks with one state file is an error at the override that causes it", () => {
    expect(lines(twoEnvironments({ backend: BUCKET, stackBackends: { dev: { ...BUCKET, key: "pullguard/prod.tfstate" } } }))).toEqual([
      "error - stackBackends.dev: stores state at s3://team-state/pullguard/prod.tfstate, which stack prod also uses; every stack needs its own state",
    ]);
  });

  test("an override taking a later stack's default key points at the override and names the later stack", () => {
    expect(lines(twoEnvironments({ backend: BUCKET, stackBackends: { prod: { ...BUCKET, key: `pullguard/${REGISTRY}.tfstate` } } }))).toEqual([
      `error - stackBackends.prod: stores state at s3://team-state/pullguard/${REGISTRY}.tfstate, which stack ${REGISTRY} also uses; every stack needs its own state`,
    ]);
  });

  test("two overrides giving one key: the second stack's entry, naming the first", () => {
    const same = { ...BUCKET, key: "one.tfstate" };
    expect(lines(twoEnvironments({ backend: BUCKET, stackBackends: { dev: same, prod: same } }))).toEqual([
      "error - stackBackends.prod: stores state at s3://team-state/one.tfstate, which stack dev also uses; every stack needs its own state",
    ]);
  });

  test("no override involved: two environments giving one stack name share its local state file, at backend", () => {
    // PG-STACK-NAME-DUPLICATE refuses the names; the shared state is reported as well, at the shared backend.
    const clash = platform(web, {}, {
      accounts: { main: { id: ACCOUNT } },
      environments: {
        prod: { account: "main", regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: SECOND_VPC } }, services: web },
        "prod-us-east-1": { account: "main", regions: { "eu-west-1": { vpc: VPC } }, services: web },
      },
    });
    expect(lines(clash)).toEqual([
      "error - backend: stores state at ../../../terraform-state/prod-us-east-1.tfstate, which stack prod-us-east-1 also uses; every stack needs its own state",
    ]);
  });
});
