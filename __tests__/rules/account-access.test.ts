/**
 * PG-ASSUME-ROLE-ACCOUNT judged on the stacks' access (core/rules/account-access.ts): one line per
 * account, however many stacks apply to it, at the account's assumeRole and on no stack.
 * planner-estate.test.ts holds the compliant and non-compliant cases.
 */
import { assumeRoleAccount } from "../../core/rules/assume-role-account";
import { ACCOUNT, findingsOf, OTHER_ACCOUNT, OWN_IMAGE, VPC } from "./rule-cases";

const role = (account: string) => ({ roleArn: `arn:aws:iam::${account}:role/deployer` });
const lines = (accounts: Parameters<typeof findingsOf>[0]["accounts"]) =>
  findingsOf(
    { accounts, environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: VPC } }, services: { web: { image: OWN_IMAGE, desiredCount: 2 } } } } },
    assumeRoleAccount,
  ).map((f) => `${f.level} [${f.stack ?? "-"}] ${f.path}: ${f.message}`);

test("a role of another account: one line for the account, though four stacks apply to it", () => {
  expect(lines({ main: { id: ACCOUNT, assumeRole: role("999999999999") } })).toEqual([
    `error [-] accounts.main.assumeRole.roleArn: is in account 999999999999, but accounts.main is ${ACCOUNT}; assume a role in the account the stacks apply to`,
  ]);
});

test("a role in the account itself, and an account no stack applies to (its role is never assumed): no finding", () => {
  expect(lines({ main: { id: ACCOUNT, assumeRole: role(ACCOUNT) }, spare: { id: OTHER_ACCOUNT, assumeRole: role("999999999999") } })).toEqual([]);
});
