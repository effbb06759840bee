/**
 * PG-DEPLOY-ORDER judged on the plan (core/rules/deploy-order.ts): a dependency the estate wants
 * (core/estate/deploy-order.ts wantedDependencies) that the stack's dependsOn lacks. Exact lines,
 * and the hostile shapes: a dependency already kept is not reported, nor is a stack on itself.
 * planner-estate.test.ts holds the compliant and non-compliant cases on whole configs.
 */
import { deployOrder } from "../../core/rules/deploy-order";
import type { RuleContext } from "../../core/rules/rule";
import { ACCOUNT, findingsOf, OTHER_ACCOUNT, OWN_IMAGE, platform, VPC } from "./rule-cases";

const MAIN = `registry-${ACCOUNT}-us-east-1`;
const OTHER = `registry-${OTHER_ACCOUNT}-us-east-1`;

test("two registries replicating into each other: the later one's replication rules, as a user reads it", () => {
  const rules = (to: string, prefix: string) => ({ replicationRules: [{ sourceRegion: "us-east-1", destinations: [{ account: to, region: "us-east-1" }], repositoryPrefixes: [prefix] }] });
  const config = platform({ web: { image: OWN_IMAGE, desiredCount: 2 } }, {}, {
    accounts: { main: { id: ACCOUNT, registry: rules("other", "team-a") }, other: { id: OTHER_ACCOUNT, registry: rules("main", "team-b") } },
    environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { web: { image: OWN_IMAGE, desiredCount: 2 } } } },
  });
  expect(findingsOf(config, deployOrder).map((f) => `${f.level} [${f.stack}] ${f.path}: ${f.message}`)).toEqual([
    `warning [${OTHER}] accounts.other.registry.replicationRules: ${OTHER} should be applied after ${MAIN} (it replicates into that registry, whose policy and templates must exist first), but ${MAIN} already waits for ${OTHER}; apply ${OTHER} twice if its first apply fails`,
  ]);
});

describe("on a hand-built plan", () => {
  const registry = (account: string, dependsOn: string[], destinations: { account: string; region: string }[]) => ({
    stackName: `registry-${account}-us-east-1`,
    accountAlias: account === ACCOUNT ? "main" : "other",
    account,
    region: "us-east-1",
    cacheRules: [],
    replicationRules: [{ destinations, repositoryPrefixes: ["team/"], origin: "explicit" }],
    dependsOn,
  });
  const ctx = (registries: ReturnType<typeof registry>[]) => ({ plan: { registries, environments: [] } }) as unknown as RuleContext;

  test("a wanted dependency the stack keeps: no finding", () => {
    expect(deployOrder.check(ctx([registry(ACCOUNT, [OTHER], [{ account: OTHER_ACCOUNT, region: "us-east-1" }]), registry(OTHER_ACCOUNT, [], [])]))).toEqual([]);
  });

  test("a registry replicating into itself is no ordering problem (PG-REPLICATION-SELF's business)", () => {
    expect(deployOrder.check(ctx([registry(ACCOUNT, [], [{ account: ACCOUNT, region: "us-east-1" }])]))).toEqual([]);
  });

  test("a wanted dependency the stack lacks is reported at the stack that lacks it", () => {
    expect(deployOrder.check(ctx([registry(ACCOUNT, [], [{ account: OTHER_ACCOUNT, region: "us-east-1" }]), registry(OTHER_ACCOUNT, [], [])])).map((v) => [v.stack, v.path])).toEqual([
      [MAIN, "accounts.main.registry.replicationRules"],
    ]);
  });
});
