/**
 * PG-REGISTRY-ARN-LOCATION judged on the plan (core/rules/registry-arn-location.ts). The KMS key
 * lines (account-level and per-Region paths, the hint) are in __tests__/core/registry/region-settings.test.ts;
 * here the existing secret's line, and a per-Region Azure key whose prefix is itself a path.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { registryArnLocation } from "../../core/rules/registry-arn-location";
import { ACCOUNT, findingsOf, OTHER_ACCOUNT, OWN_IMAGE, platform, VPC } from "./rule-cases";

type RegistryInput = NonNullable<PlatformConfigInput["accounts"][string]["registry"]>;

const inWest = (registry: RegistryInput) =>
  platform({ web: { image: OWN_IMAGE, desiredCount: 2 } }, { regions: { "us-west-2": { vpc: VPC } } }, { accounts: { main: { id: ACCOUNT, registry } } });
const lines = (config: PlatformConfigInput) => findingsOf(config, registryArnLocation).map((f) => `${f.level} [${f.stack}] ${f.path}: ${f.message}`);
const STACK = `registry-${ACCOUNT}-us-west-2`;

test("an existing secret of another account: at the Region's secretArns entry", () => {
  const secretArn = `arn:aws:secretsmanager:us-west-2:${OTHER_ACCOUNT}:secret:ecr-pullthroughcache/docker-hub-AbCdEf`;
  expect(lines(inWest({ pullThroughCache: { dockerHub: { credential: { source: "existing", secretArns: { "us-west-2": secretArn } } } } }))).toEqual([
    `error [${STACK}] accounts.main.registry.pullThroughCache.dockerHub.credential.secretArns.us-west-2: secret is in ${OTHER_ACCOUNT}/us-west-2 but must be in the registry's account and Region, ${ACCOUNT}/us-west-2`,
  ]);
});

test("a per-Region key of another account for an Azure rule whose prefix has a slash: at the Region's path, without a hint", () => {
  const key = `arn:aws:kms:us-west-2:${OTHER_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const azure = { "team/acr": { registryName: "contoso", credential: { source: "create" as const } } };
  const config = inWest({ pullThroughCache: { azure }, regions: { "us-west-2": { pullThroughCache: { azure: { "team/acr": { credential: { kmsKeyArn: key } } } } } } });
  expect(lines(config)).toEqual([
    `error [${STACK}] accounts.main.registry.regions.us-west-2.pullThroughCache.azure.team/acr.credential.kmsKeyArn: KMS key is in ${OTHER_ACCOUNT}/us-west-2 but must be in the registry's account and Region, ${ACCOUNT}/us-west-2`,
  ]);
});
