/**
 * One alias per account id (core/rules/accounts.ts), judged on the accounts the plan records.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { accountDuplicate } from "../../core/rules/account-duplicate";
import { ACCOUNT, findingsOf, OTHER_ACCOUNT, OWN_IMAGE, platform } from "./rule-cases";

const web = { web: { image: OWN_IMAGE, desiredCount: 1 } };
const withAccounts = (accounts: PlatformConfigInput["accounts"]) => platform(web, {}, { accounts });
const lines = (config: PlatformConfigInput) => findingsOf(config, accountDuplicate).map((f) => `${f.level} ${f.stack ?? "-"} ${f.path}: ${f.message}`);

describe("account aliases", () => {
  test("two aliases, two ids", () => {
    expect(lines(withAccounts({ main: { id: ACCOUNT }, shared: { id: OTHER_ACCOUNT } }))).toEqual([]);
  });

  test("a repeated account id is an error at the second alias, naming the first", () => {
    expect(lines(withAccounts({ main: { id: ACCOUNT }, shared: { id: ACCOUNT } }))).toEqual([`error - accounts.shared.id: repeats account ${ACCOUNT}, already declared as accounts.main`]);
  });

  test("three aliases of one id: each later one names the first, not the one before it", () => {
    expect(lines(withAccounts({ main: { id: ACCOUNT }, other: { id: OTHER_ACCOUNT }, shared: { id: ACCOUNT }, third: { id: ACCOUNT } }))).toEqual([
      `error - accounts.shared.id: repeats account ${ACCOUNT}, already declared as accounts.main`,
      `error - accounts.third.id: repeats account ${ACCOUNT}, already declared as accounts.main`,
    ]);
  });
});
