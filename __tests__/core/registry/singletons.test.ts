import type { PlatformConfig, PlatformConfigInput } from "../../../config/schema";
import { planClusterCacheRules } from "../../../core/registry/cache-rule-plan";
import type { ReplicationNeeds } from "../../../core/model/plan-types";
import { FindingLog } from "../../../core/model/findings";
import { locateEnvironments, planAccounts } from "../../../core/locations/plan";
import { quotasPerRegion } from "../../../core/plan/support";
import { planRegistryDrafts, planReplication } from "../../../core/registry/singletons";
import { findingLines, parsedConfig as parsed, TEST_VPC as VPC } from "../../helpers/plan-steps";

const MAIN = "111111111111";
const BUILD = "222222222222";

/** source -> repository -> destinations, as image resolution records them. */
function needs(entries: Record<string, Record<string, string[]>>): ReplicationNeeds {
  return new Map(Object.entries(entries).map(([source, repositories]) => [source, new Map(Object.entries(repositories).map(([repository, destinations]) => [repository, new Set(destinations)]))]));
}

function accountsWith(main: NonNullable<PlatformConfigInput["accounts"][string]["registry"]>): PlatformConfig {
  return parsed({
    accounts: { main: { id: MAIN, registry: main }, build: { id: BUILD } },
    environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} } },
  });
}

describe("planReplication", () => {
  test("a derived need becomes one derived rule at its source, and the destination learns its source account", () => {
    const config = accountsWith({});
    const log = new FindingLog();
    const replication = planReplication(config.accounts, needs({ [`${MAIN}/us-east-1`]: { "team/api": [`${MAIN}/us-west-2`] } }), planAccounts(config.accounts), log);
    expect([...replication.rulesBySource]).toEqual([[`${MAIN}/us-east-1`, [{ destinations: [{ account: MAIN, region: "us-west-2" }], repositoryPrefixes: ["team/api"], origin: "derived" }]]]);
    expect([...replication.sourcesByDestination].map(([d, s]) => [d, [...s]])).toEqual([[`${MAIN}/us-west-2`, [MAIN]]]);
    // The backfill warning is judged on the finished plan (PG-REPLICATION-BACKFILL, __tests__/rules/unmanaged-grants.test.ts).
    expect(findingLines(log)).toEqual([]);
  });

  test("an explicit prefix covering a derived repository to the same destination absorbs it: one explicit rule, no backfill warning", () => {
    const config = accountsWith({ replicationRules: [{ sourceRegion: "us-east-1", destinations: [{ account: "main", region: "us-west-2" }], repositoryPrefixes: ["team/"] }] });
    const log = new FindingLog();
    const replication = planReplication(config.accounts, needs({ [`${MAIN}/us-east-1`]: { "team/api": [`${MAIN}/us-west-2`] } }), planAccounts(config.accounts), log);
    expect(replication.rulesBySource.get(`${MAIN}/us-east-1`)).toEqual([{ destinations: [{ account: MAIN, region: "us-west-2" }], repositoryPrefixes: ["team/"], origin: "explicit" }]);
    expect(findingLines(log)).toEqual([]);
  });

  test("an explicit destination naming an undeclared alias, or the source itself, is an error at that destination and is left out", () => {
    const config = accountsWith({
      replicationRules: [
        {
          sourceRegion: "us-east-1",
          destinations: [
            { account: "nobody", region: "us-west-2" },
            { account: "main", region: "us-east-1" },
            { account: "build", region: "us-east-1" },
          ],
          repositoryPrefixes: ["team/"],
        },
      ],
    });
    const log = new FindingLog();
    const replication = planReplication(config.accounts, new Map(), planAccounts(config.accounts), log);
    expect(replication.rulesBySource.get(`${MAIN}/us-east-1`)).toEqual([{ destinations: [{ account: BUILD, region: "us-east-1" }], repositoryPrefixes: ["team/"], origin: "explicit" }]);
    expect([...replication.sourcesByDestination].map(([d, s]) => [d, [...s]])).toEqual([[`${BUILD}/us-east-1`, [MAIN]]]);
    expect(findingLines(log)).toEqual([
      'error [-] accounts.main.registry.replicationRules[0].destinations[0].account: names account "nobody", which is not declared under accounts',
      "error [-] accounts.main.registry.replicationRules[0].destinations[1]: equals the rule's source registry; a destination must differ from its source",
    ]);
  });
});

describe("planRegistryDrafts", () => {
  function drafts(config: PlatformConfig, replicationNeeds: ReplicationNeeds = new Map()) {
    const log = new FindingLog();
    const accounts = planAccounts(config.accounts);
    const cache = planClusterCacheRules(config, locateEnvironments(config.environments, accounts, log), accounts.declaredIds);
    const replication = planReplication(config.accounts, replicationNeeds, accounts, log);
    return planRegistryDrafts(config, cache, replication, accounts, quotasPerRegion(config), log);
  }

  test("a registry stack for the cluster's registry only, when nothing replicates or is read", () => {
    expect(drafts(accountsWith({})).map((d) => d.stackName)).toEqual([`registry-${MAIN}-us-east-1`]);
  });

  test("a replication source and its cross-account destination both get a stack; the destination accepts the source account and gets the ROOT template", () => {
    const config = parsed({
      accounts: { main: { id: MAIN }, build: { id: BUILD, registry: { replicationRules: [{ sourceRegion: "eu-west-1", destinations: [{ account: "main", region: "us-east-1" }], repositoryPrefixes: ["team/"] }] } } },
      environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} } },
    });
    const planned = drafts(config);
    expect(planned.map((d) => [d.stackName, d.replicationRules.length, d.replicationSourceAccounts, d.templates.map((t) => t.prefix)])).toEqual([
      [`registry-${MAIN}-us-east-1`, 0, [BUILD], ["ROOT"]],
      [`registry-${BUILD}-eu-west-1`, 1, [], []],
    ]);
  });

  test("a same-account destination receives replication but lists no source account (no cross-account grant needed)", () => {
    const planned = drafts(accountsWith({}), needs({ [`${MAIN}/us-west-2`]: { web: [`${MAIN}/us-east-1`] } }));
    expect(planned.map((d) => [d.stackName, d.replicationSourceAccounts, d.templates.map((t) => t.prefix)])).toEqual([
      [`registry-${MAIN}-us-east-1`, [], ["ROOT"]],
      [`registry-${MAIN}-us-west-2`, [], []],
    ]);
  });

  test("a registry of ours that an ECR-to-ECR cache rule reads gets a stack, so its policy can grant the reader", () => {
    const config = parsed({
      accounts: { main: { id: MAIN }, build: { id: BUILD } },
      environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { api: { image: `${BUILD}.dkr.ecr.eu-west-1.amazonaws.com/api:1.0`, desiredCount: 1 } } } },
    });
    expect(drafts(config).map((d) => [d.stackName, d.cacheRules.map((r) => r.prefix)])).toEqual([
      [`registry-${MAIN}-us-east-1`, [`${BUILD}-eu-west-1`]],
      [`registry-${BUILD}-eu-west-1`, []],
    ]);
  });
});
