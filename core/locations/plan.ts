import { quoted } from "../../config/problems";
import type { PlatformConfig } from "../../config/schema";
import type { FindingLog } from "../model/findings";
import { environmentStackName } from "./naming";
import { environmentInRegion, type RegionalEnvironment } from "./region-settings";
import * as catalogue from "../rules/catalogue";

/**
 * Accounts and locations, the first step of planning. The config names accounts by alias and AWS
 * knows them by id; an environment runs in one location per Region, and each location is one
 * environment stack, so stack names are settled here, before anything is planned inside them.
 */

export interface AccountDirectory {
  /** Account id of every declared alias. */
  readonly idByAlias: ReadonlyMap<string, string>;
  /** The first alias that declares each account id (a second one is an error). */
  readonly aliasById: ReadonlyMap<string, string>;
  /** Account ids the config declares: images pushed there are ours (replicated or cached ECR-to-ECR). */
  readonly declaredIds: ReadonlySet<string>;
}

/** Where one environment runs: one account and Region, one stack. */
export interface Location {
  readonly environment: string;
  readonly accountAlias: string;
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
}

/** A location with the environment as it runs there (the Region's values merged over the environment's). */
export interface EnvironmentLocation extends Location, RegionalEnvironment {}

export function planAccounts(accounts: PlatformConfig["accounts"]): AccountDirectory {
  const idByAlias = new Map<string, string>();
  const aliasById = new Map<string, string>();
  for (const [alias, account] of Object.entries(accounts)) {
    // A second alias of one id is an error (PG-ACCOUNT-DUPLICATE, core/rules/account-duplicate.ts): the id keeps its first.
    if (!aliasById.has(account.id)) aliasById.set(account.id, alias);
    idByAlias.set(alias, account.id);
  }
  return { idByAlias, aliasById, declaredIds: new Set(idByAlias.values()) };
}

/** Every declared alias with its account id, in config order: what the plan records of the accounts. */
export function accountAliases(accounts: AccountDirectory): { alias: string; id: string }[] {
  return [...accounts.idByAlias].map(([alias, id]) => ({ alias, id }));
}

/** One location per environment and Region, Regions in code-point order; an environment of an undeclared account has none. */
export function planLocations(environments: PlatformConfig["environments"], accounts: AccountDirectory, log: FindingLog): Location[] {
  const locations: Location[] = [];
  for (const [environment, env] of Object.entries(environments)) {
    const account = accounts.idByAlias.get(env.account);
    if (account === undefined) {
      log.report(catalogue.unknownAccount, `environments.${environment}.account`, `names account ${quoted(env.account)}, which is not declared under accounts (declared: ${[...accounts.idByAlias.keys()].join(", ")})`);
      continue;
    }
    const regions = Object.keys(env.regions).sort();
    for (const region of regions) {
      locations.push({ environment, accountAlias: env.account, account, region, stackName: environmentStackName(environment, region, regions.length > 1) });
    }
  }
  return locations;
}

/** Every location with the environment as it runs there; its stack name is judged on the plan (core/rules/stack-name-reserved.ts, stack-name-duplicate.ts). */
export function locateEnvironments(environments: PlatformConfig["environments"], accounts: AccountDirectory, log: FindingLog): EnvironmentLocation[] {
  const locations = planLocations(environments, accounts, log);
  // Each location keeps its own environment: two that share a stack name (an error) must not share settings.
  return locations.map((location) => ({ ...location, ...environmentInRegion(location.environment, environments[location.environment]!, { account: location.account, region: location.region, stack: location.stackName }, log) }));
}
