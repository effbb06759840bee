/**
 * The existing-singleton rules judged on the plan (core/rules/existing-*.ts,
 * first-apply-replaces.ts): exact lines for what cannot be imported. planner-estate.test.ts holds
 * each id's compliant and non-compliant cases; __tests__/core/estate/existing.test.ts the imports
 * and the first-apply lines.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { existingCredentialSecret } from "../../core/rules/existing-credential-secret";
import { existingUnmanaged } from "../../core/rules/existing-unmanaged";
import type { Rule } from "../../core/rules/rule";
import { ACCOUNT, findingsOf, OTHER_ACCOUNT, OWN_IMAGE, platform } from "./rule-cases";

type ExistingInput = NonNullable<NonNullable<PlatformConfigInput["accounts"][string]["registry"]>["existing"]>[string];

const STACK = `registry-${ACCOUNT}-us-east-1`;
const EXISTING = "accounts.main.registry.existing.us-east-1";
/** Account "main" caching Docker Hub (created credential) and Quay, no replication, no registry policy. */
const withExisting = (existing: ExistingInput) =>
  platform({ web: { image: OWN_IMAGE, desiredCount: 2 } }, {}, {
    accounts: { main: { id: ACCOUNT, registry: { pullThroughCache: { dockerHub: { credential: { source: "create" } }, quay: true }, existing: { "us-east-1": existing } } } },
  });
const lines = (config: PlatformConfigInput, rule: Rule) => findingsOf(config, rule).map((f) => `${f.level} [${f.stack}] ${f.path}: ${f.message}`);
const secretArn = (account: string, region: string) => `arn:aws:secretsmanager:${region}:${account}:secret:ecr-pullthroughcache/docker-hub-AbCdEf`;

test("an existing replication configuration and registry policy pullguard does not manage: one warning each", () => {
  expect(lines(withExisting({ replicationConfiguration: true, registryPolicy: true }), existingUnmanaged)).toEqual([
    `warning [${STACK}] ${EXISTING}.registryPolicy: exists, but pullguard needs no registry policy here, so it stays unmanaged (and unchanged)`,
    `warning [${STACK}] ${EXISTING}.replicationConfiguration: exists, but pullguard plans no replication here, so it stays unmanaged (and unchanged)`,
  ]);
});

test("a credential secret of a rule without a created credential, and one in another account: one error each", () => {
  const config = withExisting({ credentialSecrets: { quay: secretArn(ACCOUNT, "us-east-1"), "docker-hub": secretArn(OTHER_ACCOUNT, "us-east-1") } });
  expect(lines(config, existingCredentialSecret)).toEqual([
    `error [${STACK}] ${EXISTING}.credentialSecrets.docker-hub: is in ${OTHER_ACCOUNT}/us-east-1, not this registry's ${ACCOUNT}/us-east-1`,
    `error [${STACK}] ${EXISTING}.credentialSecrets.quay: names no cache rule of this registry whose credential pullguard creates (source: create)`,
  ]);
});

test("the created Docker Hub secret in the registry's own account and Region: no finding", () => {
  expect(lines(withExisting({ credentialSecrets: { "docker-hub": secretArn(ACCOUNT, "us-east-1") } }), existingCredentialSecret)).toEqual([]);
});
