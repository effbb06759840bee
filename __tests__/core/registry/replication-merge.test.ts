import type { ReplicationRulePlan } from "../../../core/model/plan-types";
import { mergeReplicationRules } from "../../../core/registry/replication-merge";

const WEST = { account: "111111111111", region: "us-west-2" };
const EU = { account: "111111111111", region: "eu-west-1" };
const OTHER = { account: "222222222222", region: "us-east-1" };

const derived = (destinations: ReplicationRulePlan["destinations"], ...repositoryPrefixes: string[]): ReplicationRulePlan => ({ destinations, repositoryPrefixes, origin: "derived" });
const explicit = (destinations: ReplicationRulePlan["destinations"], ...repositoryPrefixes: string[]): ReplicationRulePlan => ({ destinations, repositoryPrefixes, origin: "explicit" });

describe("mergeReplicationRules", () => {
  test("a derived repository that an explicit prefix already sends to the same destinations is dropped", () => {
    expect(mergeReplicationRules([explicit([WEST, EU], "team/"), derived([WEST], "team/api")])).toEqual([explicit([EU, WEST], "team/")]);
  });

  test("a derived repository going somewhere the explicit rule does not is kept, in its own rule", () => {
    // Keys "111111111111/eu-west-1,111111111111/us-west-2" < "111111111111/us-west-2,222222222222/us-east-1".
    expect(mergeReplicationRules([explicit([WEST, EU], "team/"), derived([WEST, OTHER], "team/api")])).toEqual([explicit([EU, WEST], "team/"), derived([WEST, OTHER], "team/api")]);
  });

  test("rules with the same destinations share one rule; a filter nested in a shorter one goes; explicit wins the origin", () => {
    expect(mergeReplicationRules([derived([WEST], "web", "team/api"), explicit([WEST], "team/")])).toEqual([explicit([WEST], "team/", "web")]);
  });

  test("repeated destinations count once, in code-point order", () => {
    expect(mergeReplicationRules([derived([WEST, EU, WEST], "api")])).toEqual([derived([EU, WEST], "api")]);
  });

  test("more than 100 filters with one destination set spill into a second rule (ECR's limit per rule)", () => {
    const repositories = Array.from({ length: 101 }, (_, i) => `repo-${String(i).padStart(3, "0")}`);
    const merged = mergeReplicationRules([derived([WEST], ...repositories)]);
    expect(merged.map((r) => [r.repositoryPrefixes.length, r.repositoryPrefixes[0], r.repositoryPrefixes.at(-1)])).toEqual([
      [100, "repo-000", "repo-099"],
      [1, "repo-100", "repo-100"],
    ]);
  });

  test("nothing in, nothing out", () => {
    expect(mergeReplicationRules([])).toEqual([]);
  });
});
