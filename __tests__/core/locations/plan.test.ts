import type { PlatformConfigInput } from "../../../config/schema";
import { FindingLog } from "../../../core/model/findings";
import { accountAliases, locateEnvironments, planAccounts, planLocations, type Location } from "../../../core/locations/plan";
import { planPlatform } from "../../../core/plan";
import { findingLines, parsedConfig as parsed, TEST_VPC as VPC } from "../../helpers/plan-steps";

const EU_VPC = { ...VPC, id: "vpc-0e0e0e0e" };
const WEB = { image: "nginx:1.27.3", desiredCount: 1 };
/** The schema wants one environment; the account tests do not look at it. */
const ANY_ENVIRONMENT = { dev: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} } };

/** Findings without a stack, as accounts and locations report them. */
const lines = (log: FindingLog) => findingLines(log).map((line) => line.replace(" [-]", ""));

function location(environment: string, region: string, stackName: string): Location {
  return { environment, accountAlias: "main", account: "111111111111", region, stackName };
}

describe("planAccounts", () => {
  test("maps aliases to ids and back, and declares every id once", () => {
    const config = parsed({ accounts: { main: { id: "111111111111" }, build: { id: "222222222222" } }, environments: ANY_ENVIRONMENT });
    const accounts = planAccounts(config.accounts);
    expect([...accounts.idByAlias]).toEqual([
      ["main", "111111111111"],
      ["build", "222222222222"],
    ]);
    expect([...accounts.aliasById]).toEqual([
      ["111111111111", "main"],
      ["222222222222", "build"],
    ]);
    expect([...accounts.declaredIds]).toEqual(["111111111111", "222222222222"]);
    expect(accountAliases(accounts)).toEqual([
      { alias: "main", id: "111111111111" },
      { alias: "build", id: "222222222222" },
    ]);
  });

  test("a repeated account id keeps its first alias; both aliases resolve and the plan records both", () => {
    const config = parsed({ accounts: { main: { id: "111111111111" }, shared: { id: "111111111111" } }, environments: ANY_ENVIRONMENT });
    const accounts = planAccounts(config.accounts);
    expect(accounts.aliasById.get("111111111111")).toBe("main");
    // Both aliases still resolve, so environments naming either are planned (PG-ACCOUNT-DUPLICATE stops the synth).
    expect(accounts.idByAlias.get("shared")).toBe("111111111111");
    expect([...accounts.declaredIds]).toEqual(["111111111111"]);
    expect(accountAliases(accounts)).toEqual([
      { alias: "main", id: "111111111111" },
      { alias: "shared", id: "111111111111" },
    ]);
  });
});

describe("planLocations", () => {
  const config = parsed({
    accounts: { main: { id: "111111111111" } },
    environments: {
      prod: { account: "main", regions: { "us-west-2": { vpc: VPC }, "eu-west-1": { vpc: VPC } }, services: {} },
      dev: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} },
    },
  });

  test("one location per environment and Region, Regions in code-point order; a multi-Region stack name carries its Region", () => {
    const log = new FindingLog();
    const locations = planLocations(config.environments, planAccounts(config.accounts), log);
    expect(locations).toEqual([
      location("prod", "eu-west-1", "prod-eu-west-1"),
      location("prod", "us-west-2", "prod-us-west-2"),
      location("dev", "us-east-1", "dev"),
    ]);
    expect(lines(log)).toEqual([]);
  });

  test("an environment of an undeclared account is an error naming the declared aliases, and has no location", () => {
    const bad = parsed({
      accounts: { main: { id: "111111111111" }, build: { id: "222222222222" } },
      environments: {
        prod: { account: "prod-account", regions: { "us-east-1": { vpc: VPC } }, services: {} },
        dev: { account: "build", regions: { "us-east-1": { vpc: VPC } }, services: {} },
      },
    });
    const log = new FindingLog();
    const locations = planLocations(bad.environments, planAccounts(bad.accounts), log);
    expect(locations).toEqual([{ environment: "dev", accountAlias: "build", account: "222222222222", region: "us-east-1", stackName: "dev" }]);
    expect(lines(log)).toEqual(['error environments.prod.account: names account "prod-account", which is not declared under accounts (declared: main, build)']);
  });
});

describe("locateEnvironments", () => {
  test("each location carries the environment with its own Region's values merged in", () => {
    const config = parsed({
      accounts: { main: { id: "111111111111" } },
      environments: {
        prod: {
          account: "main",
          existingClusterName: "shared-cluster",
          regions: { "us-east-1": { vpc: VPC, services: { web: { desiredCount: 4 } } }, "us-west-2": { vpc: VPC, existingClusterName: "west-cluster" } },
          services: { web: WEB },
        },
      },
    });
    const log = new FindingLog();
    const located = locateEnvironments(config.environments, planAccounts(config.accounts), log);
    expect(located.map((l) => [l.stackName, l.env.services.web!.desiredCount, l.existingClusterName])).toEqual([
      ["prod-us-east-1", 4, "shared-cluster"],
      ["prod-us-west-2", 1, "west-cluster"],
    ]);
    expect(lines(log)).toEqual([]);
  });

  test("two environments giving one stack name in different Regions keep their own settings (once a crash)", () => {
    const input: PlatformConfigInput = {
      accounts: { main: { id: "111111111111" } },
      environments: {
        prod: { account: "main", regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: VPC } }, services: {} },
        "prod-us-east-1": { account: "main", regions: { "eu-west-1": { vpc: EU_VPC } }, services: {} },
      },
    };
    const config = parsed(input);
    const log = new FindingLog();
    const located = locateEnvironments(config.environments, planAccounts(config.accounts), log);
    expect(located.map((l) => [l.environment, l.region, l.stackName, Object.keys(l.env.regions).join(","), l.env.regions[l.region]!.vpc.id])).toEqual([
      ["prod", "us-east-1", "prod-us-east-1", "us-east-1,us-west-2", "vpc-0a1b2c3d"],
      ["prod", "us-west-2", "prod-us-west-2", "us-east-1,us-west-2", "vpc-0a1b2c3d"],
      ["prod-us-east-1", "eu-west-1", "prod-us-east-1", "eu-west-1", "vpc-0e0e0e0e"],
    ]);
    // Planning goes on and reports the collision, and the one state file both stacks would share.
    const errors = planPlatform(config).findings.filter((f) => f.level === "error");
    expect(errors.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "backend: stores state at ../../../terraform-state/prod-us-east-1.tfstate, which stack prod-us-east-1 also uses; every stack needs its own state",
      'environments.prod-us-east-1: gives stack name "prod-us-east-1", which environments.prod also gives; rename one environment',
    ]);
  });
});
