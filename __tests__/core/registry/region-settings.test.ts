/**
 * Per-Region registry values: `accounts.<a>.registry.regions.<region>` sets KMS keys (Regional,
 * docs/aws-facts.md) at the account-level relative paths; the account-level value is the default.
 */
import { A, B, createCredential, env, errors, plan, problems, registry, type Input, type RegistryInput } from "../../helpers/registry-config";

const key = (region: string, account = A) => `arn:aws:kms:${region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const KMS = (region: string, account = A) => ({ type: "KMS" as const, kmsKeyArn: key(region, account) });

/** Account "main" running prod in us-east-1 and us-west-2: one registry stack in each. */
function twoRegions(registryInput: RegistryInput): Input {
  return { accounts: { main: { id: A, registry: registryInput } }, environments: { prod: env("main", ["us-east-1", "us-west-2"], { web: { image: "nginx:1.27.3", desiredCount: 2 } }) } };
}

const dockerHub = { pullThroughCache: { dockerHub: { credential: { ...createCredential, kmsKeyArn: key("us-east-1") } } } };

describe("per-Region registry KMS keys", () => {
  test("each Region's template key and credential key win over the account's; the template role may use only its Region's key", () => {
    const p = plan(twoRegions({ ...dockerHub, repositoryTemplates: { encryption: KMS("us-east-1") }, regions: { "us-west-2": { repositoryTemplates: { encryption: KMS("us-west-2") }, pullThroughCache: { dockerHub: { credential: { kmsKeyArn: key("us-west-2") } } } } } }));
    expect(errors(p)).toEqual([]);
    const east = registry(p, A, "us-east-1");
    const west = registry(p, A, "us-west-2");
    expect(east.templateSettings.encryption).toEqual({ type: "KMS", kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
    expect(west.templateSettings.encryption).toEqual({ type: "KMS", kmsKeyArn: "arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
    expect(west.templateSettings.customRolePolicies?.policy.Statement.find((s) => s.Sid === "EncryptRepositories")?.Resource).toBe("arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    const secretKey = (r: typeof east) => r.cacheRules.map((rule) => (rule.credential?.source === "create" ? rule.credential.kmsKeyArn : undefined));
    expect(secretKey(east)).toEqual(["arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab", undefined]);
    expect(secretKey(west)).toEqual(["arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab", undefined]);
  });

  test("a Region may keep AES256 while another uses KMS", () => {
    const p = plan(twoRegions({ ...dockerHub, repositoryTemplates: { encryption: KMS("us-east-1") }, regions: { "us-west-2": { repositoryTemplates: { encryption: { type: "AES256" } }, pullThroughCache: { dockerHub: { credential: { kmsKeyArn: key("us-west-2") } } } } } }));
    expect(errors(p)).toEqual([]);
    expect(registry(p, A, "us-west-2").templateSettings.encryption).toEqual({ type: "AES256" });
    expect(registry(p, A, "us-west-2").templateSettings.customRoleName).toBeUndefined();
  });

  test("no key for the second Region: the account's keys are refused there, at the account's paths, with the path to set", () => {
    const p = plan(twoRegions({ ...dockerHub, repositoryTemplates: { encryption: KMS("us-east-1") } }));
    expect(errors(p).map((f) => `[${f.stack}] ${f.path}: ${f.message}`)).toEqual([
      "[registry-111111111111-us-west-2] accounts.main.registry.pullThroughCache.dockerHub.credential.kmsKeyArn: KMS key is in 111111111111/us-east-1 but must be in the registry's account and Region, 111111111111/us-west-2; set this Region's key under accounts.main.registry.regions.us-west-2.pullThroughCache.dockerHub.credential.kmsKeyArn",
      "[registry-111111111111-us-west-2] accounts.main.registry.repositoryTemplates.encryption.kmsKeyArn: KMS key is in 111111111111/us-east-1 but must be in the registry's account and Region, 111111111111/us-west-2; set this Region's key under accounts.main.registry.regions.us-west-2.repositoryTemplates.encryption.kmsKeyArn",
    ]);
  });

  test("a wrong-Region or other-account key set for a Region is refused at the Region's path, without a hint", () => {
    const p = plan(twoRegions({ ...dockerHub, regions: { "us-west-2": { repositoryTemplates: { encryption: KMS("us-east-1") }, pullThroughCache: { dockerHub: { credential: { kmsKeyArn: key("us-west-2", B) } } } } } }));
    // us-east-1 uses the account's keys, which are its own: only us-west-2's are wrong.
    expect(errors(p).map((f) => `${f.path}: ${f.message}`)).toEqual([
      "accounts.main.registry.regions.us-west-2.pullThroughCache.dockerHub.credential.kmsKeyArn: KMS key is in 222222222222/us-west-2 but must be in the registry's account and Region, 111111111111/us-west-2",
      "accounts.main.registry.regions.us-west-2.repositoryTemplates.encryption.kmsKeyArn: KMS key is in 111111111111/us-east-1 but must be in the registry's account and Region, 111111111111/us-west-2",
    ]);
  });

  test("an Azure credential's key is set per Region by its prefix", () => {
    const azure = { pullThroughCache: { dockerHub: { credential: createCredential }, azure: { contoso: { registryName: "contosoimages", credential: { ...createCredential, kmsKeyArn: key("us-east-1") } } } }, regions: { "us-west-2": { pullThroughCache: { azure: { contoso: { credential: { kmsKeyArn: key("us-west-2") } } } } } } };
    const p = plan(twoRegions(azure));
    expect(errors(p)).toEqual([]);
    const west = registry(p, A, "us-west-2").cacheRules.find((r) => r.prefix === "contoso")!;
    expect(west.credential).toMatchObject({ source: "create", kmsKeyArn: "arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
  });
});

describe("per-Region Chainguard credential key", () => {
  test("the Chainguard rule's created secret takes this Region's key", () => {
    const chainguard = { pullThroughCache: { dockerHub: { credential: createCredential }, chainguard: { credential: { ...createCredential, kmsKeyArn: key("us-east-1") } } }, regions: { "us-west-2": { pullThroughCache: { chainguard: { credential: { kmsKeyArn: key("us-west-2") } } } } } };
    const p = plan(twoRegions(chainguard));
    expect(errors(p)).toEqual([]);
    const keyOf = (region: string) => registry(p, A, region).cacheRules.find((r) => r.prefix === "chainguard")!.credential;
    expect(keyOf("us-east-1")).toMatchObject({ source: "create", kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
    expect(keyOf("us-west-2")).toMatchObject({ source: "create", kmsKeyArn: "arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
  });
});

describe("per-Region registry overrides that have nothing to override", () => {
  test("a Region where the account has no registry stack", () => {
    const p = plan(twoRegions({ ...dockerHub, regions: { "us-west-2": { pullThroughCache: { dockerHub: { credential: { kmsKeyArn: key("us-west-2") } } } }, "eu-west-1": { repositoryTemplates: { encryption: KMS("eu-west-1") } } } }));
    expect(errors(p).map((f) => `${f.path}: ${f.message}`)).toEqual(["accounts.main.registry.regions.eu-west-1: names a Region where account main has no registry stack (its registries: us-east-1, us-west-2)"]);
  });

  test("an upstream the account does not cache, an existing credential, an Azure prefix named constructor", () => {
    const existing = { source: "existing" as const, secretArns: { "us-east-1": "arn:aws:secretsmanager:us-east-1:111111111111:secret:ecr-pullthroughcache/ghcr-AbCdEf" } };
    const regional = { pullThroughCache: { dockerHub: { credential: { kmsKeyArn: key("us-west-2") } }, ghcr: { credential: { kmsKeyArn: key("us-west-2") } }, azure: { constructor: { credential: { kmsKeyArn: key("us-west-2") } } } } };
    expect(problems(twoRegions({ pullThroughCache: { ghcr: { credential: existing } }, regions: { "us-west-2": regional } }))).toEqual([
      { path: "accounts.main.registry.regions.us-west-2.pullThroughCache.dockerHub", message: "has nothing to override: pullThroughCache.dockerHub is not configured" },
      { path: "accounts.main.registry.regions.us-west-2.pullThroughCache.ghcr.credential.kmsKeyArn", message: "applies to `credential: { source: create }` only (an existing credential names its secret per Region)" },
      { path: "accounts.main.registry.regions.us-west-2.pullThroughCache.azure.constructor", message: "has nothing to override: pullThroughCache.azure.constructor is not configured" },
    ]);
  });

  test("a per-Region key that is not a KMS key ARN, and a stray key, are schema errors", () => {
    expect(problems(twoRegions({ regions: { "us-west-2": { repositoryTemplates: { encryption: { type: "KMS", kmsKeyArn: "alias/ecr" } }, scanning: {} } as never } }))).toEqual([
      { path: "accounts.main.registry.regions.us-west-2.repositoryTemplates.encryption.kmsKeyArn", message: "must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>)" },
      { path: "accounts.main.registry.regions.us-west-2.scanning", message: "unknown key" },
    ]);
  });
});
