import { replicationDestinationLimit } from "../../core/rules/replication-destination-limit";
import { replicationFilterLimit } from "../../core/rules/replication-filter-limit";
import { replicationRuleLimit } from "../../core/rules/replication-rule-limit";
import { ACCOUNT, emitted, OWN_IMAGE, platform } from "./rule-cases";
import type { RuleContext } from "../../core/rules/rule";

// Small literal plans: one registry of account 111111111111 in us-east-1 and its merged replication
// rules. ECR allows 10 rules per registry, 25 unique destinations and 100 filters per rule
// (docs/aws-facts.md, "Repository creation templates and replication").
type Destination = { account: string; region: string };
const rule = (destinations: Destination[], prefixes = 1) => ({ destinations, repositoryPrefixes: Array.from({ length: prefixes }, (_, i) => `team${i}/`), origin: "explicit" as const });
const west = { account: "111111111111", region: "us-west-2" };
const plan = (replicationRules: ReturnType<typeof rule>[]): RuleContext =>
  ({
    plan: {
      environments: [],
      registries: [{ account: "111111111111", region: "us-east-1", accountAlias: "main", stackName: "registry-111111111111-us-east-1", replicationRules }],
    },
  }) as unknown as RuleContext;
const PATH = "accounts.main.registry.replicationRules";
const STACK = "registry-111111111111-us-east-1";

describe("PG-REPLICATION-RULE-LIMIT (error)", () => {
  test("compliant: 10 rules", () => {
    expect(replicationRuleLimit.check(plan(Array.from({ length: 10 }, () => rule([west]))))).toEqual([]);
  });

  test("non-compliant: 11 rules", () => {
    expect(replicationRuleLimit.check(plan(Array.from({ length: 11 }, () => rule([west]))))).toEqual([
      { stack: STACK, path: PATH, message: "needs 11 replication rules in 111111111111/us-east-1; ECR allows 10 per registry (group repositories under shared prefixes)" },
    ]);
    expect([replicationRuleLimit.definition.id, replicationRuleLimit.definition.level]).toEqual(["PG-REPLICATION-RULE-LIMIT", "error"]);
  });
});

describe("PG-REPLICATION-DESTINATION-LIMIT (error)", () => {
  const accounts = (n: number) => Array.from({ length: n }, (_, i) => ({ account: String(200000000000 + i), region: "us-east-1" }));

  test("compliant: 25 unique destinations (a repeated one counts once)", () => {
    expect(replicationDestinationLimit.check(plan([rule(accounts(25)), rule(accounts(1))]))).toEqual([]);
  });

  test("non-compliant: 26 unique destinations", () => {
    expect(replicationDestinationLimit.check(plan([rule(accounts(26))]))).toEqual([{ stack: STACK, path: PATH, message: "replicates 111111111111/us-east-1 to 26 destinations; ECR allows 25" }]);
    expect([replicationDestinationLimit.definition.id, replicationDestinationLimit.definition.level]).toEqual(["PG-REPLICATION-DESTINATION-LIMIT", "error"]);
  });
});

describe("PG-REPLICATION-SELF (error)", () => {
  // Raised while planning: the planner drops a configured destination equal to its source.
  const replicating = (destinations: Destination[]) =>
    platform({ web: { image: OWN_IMAGE, desiredCount: 2 } }, {}, { accounts: { main: { id: ACCOUNT, registry: { replicationRules: [{ sourceRegion: "us-east-1", destinations, repositoryPrefixes: ["team/"] }] } } } });

  test("compliant: replication to another Region of the account", () => {
    expect(emitted(replicating([{ account: "main", region: "us-west-2" }]), "PG-REPLICATION-SELF")).toEqual([]);
  });

  test("non-compliant: a rule whose destination is the source registry", () => {
    expect(
      emitted(
        replicating([
          { account: "main", region: "us-west-2" },
          { account: "main", region: "us-east-1" },
        ]),
        "PG-REPLICATION-SELF",
      ),
    ).toEqual([["error", "accounts.main.registry.replicationRules[0].destinations[1]"]]);
  });
});

describe("PG-REPLICATION-FILTER-LIMIT (error)", () => {
  test("compliant: a rule with 100 filters", () => {
    expect(replicationFilterLimit.check(plan([rule([west], 100)]))).toEqual([]);
  });

  test("non-compliant: a rule with 101 filters", () => {
    expect(replicationFilterLimit.check(plan([rule([west], 101)]))).toEqual([{ stack: STACK, path: PATH, message: "has a rule with 101 filters; ECR allows 100 per rule" }]);
    expect([replicationFilterLimit.definition.id, replicationFilterLimit.definition.level]).toEqual(["PG-REPLICATION-FILTER-LIMIT", "error"]);
  });
});
