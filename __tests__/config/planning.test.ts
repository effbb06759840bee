import { ACCOUNT, SERVICE, api, baseConfig, baseVpc, expectPlanError, planErrors, type Raw } from "../helpers/config-cases";

/**
 * Config mistakes only planning can see: references between accounts, environments and stacks,
 * and images. Each bad case mutates one thing of the valid base config and asserts the exact
 * config path and the gist of the finding.
 */

describe("cross-references (planning)", () => {
  it("reports an environment naming an undeclared account", () => {
    const config = baseConfig();
    config.environments.prod.account = "shared";
    expectPlanError(config, "environments.prod.account", 'names account "shared"', "not declared under accounts", "declared: main");
  });

  it("reports two environments that give the same stack name", () => {
    const config = baseConfig();
    config.environments.prod.regions["us-west-2"] = { vpc: baseVpc() };
    config.environments["prod-us-east-1"] = {
      account: "main",
      regions: { "us-east-1": { vpc: baseVpc() } },
      services: { api: { image: "nginx:1.27.3", desiredCount: 2 } },
    };
    expectPlanError(config, "environments.prod-us-east-1", 'stack name "prod-us-east-1"', "environments.prod");
  });

  it("does not report a collision once the second environment is renamed", () => {
    const config = baseConfig();
    config.environments.prod.regions["us-west-2"] = { vpc: baseVpc() };
    config.environments.canary = { account: "main", regions: { "us-east-1": { vpc: baseVpc() } }, services: {} };
    expect(planErrors(config)).toEqual([]);
  });

  it("reports stackBackends naming a stack that does not exist", () => {
    const config = baseConfig();
    config.stackBackends = { "prod-us-east-1": { type: "local" } };
    expectPlanError(config, "stackBackends.prod-us-east-1", "names no stack", "prod", `registry-${ACCOUNT}-us-east-1`);
  });

  it("accepts stackBackends naming real stacks", () => {
    const config = baseConfig();
    config.stackBackends = { prod: { type: "local" }, [`registry-${ACCOUNT}-us-east-1`]: { type: "local" } };
    expect(planErrors(config)).toEqual([]);
  });
});


describe("images (planning)", () => {
  const withImage = (image: string, extra: Raw = {}): Raw => {
    const config = baseConfig();
    Object.assign(api(config), { image, ...extra });
    return config;
  };
  const IMAGE = `${SERVICE}.image`;

  it("rejects :latest", () => {
    expectPlanError(withImage("nginx:latest"), IMAGE, '"nginx:latest"', ":latest", "Pin a version tag or a digest");
  });

  it("rejects an untagged image", () => {
    expectPlanError(withImage("nginx"), IMAGE, '"nginx" has no tag');
  });

  it("rejects an uppercase repository", () => {
    expectPlanError(withImage("NGINX:1.0"), IMAGE, "not a valid image reference", "lowercase");
  });

  it("rejects an empty tag", () => {
    expectPlanError(withImage("nginx:"), IMAGE, "not a valid image reference", "tag must not be empty");
  });

  it("rejects a malformed digest", () => {
    expectPlanError(withImage("nginx@sha256:abc"), IMAGE, "not a valid image reference", "digest", "64 hex");
  });

  it("rejects an image from a registry whose cache rule is not enabled, naming the setting", () => {
    expectPlanError(withImage("quay.io/x/y:1"), IMAGE, "no pull-through cache rule for Quay", "pullThroughCache.quay");
  });

  it("accepts the same Quay image once the cache rule is enabled", () => {
    const config = withImage("quay.io/x/y:1");
    config.accounts.main.registry.pullThroughCache.quay = true;
    expect(planErrors(config)).toEqual([]);
  });

  it("rejects a registry no pull-through cache supports, pointing at pullDirect", () => {
    expectPlanError(withImage("registry.example.com:5000/app:1"), IMAGE, "registry.example.com:5000", "cannot be cached", "pullDirect: true");
  });

  it("accepts that registry with pullDirect", () => {
    expect(planErrors(withImage("registry.example.com:5000/app:1", { pullDirect: true }))).toEqual([]);
  });

  it("reports a sidecar image at the sidecar's path", () => {
    const config = baseConfig();
    api(config).sidecars = { "log-router": { image: "fluent/fluent-bit:latest" } };
    expectPlanError(config, `${SERVICE}.sidecars.log-router.image`, ":latest");
  });

  it("keeps a finding on one line when the image contains a line break", () => {
    const finding = expectPlanError(withImage("nginx:1.0\nrm -rf"), IMAGE, "not a valid image reference");
    expect(finding.message).not.toMatch(/\n/);
  });
});

