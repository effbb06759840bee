/**
 * Estates with existing infrastructure, as the planner resolves them: existing clusters, endpoints
 * and registry singletons, endpoint rules across Regions, bad estate config and the deploy graph.
 * Expected values are written out by hand.
 */
import { parseConfig } from "../../../config/load";
import { env, errors, estate, host, plan, PROD, SHARED, vpc, web, type Input } from "../../helpers/estate-config";

describe("existing infrastructure", () => {
  it("gives each endpoint of a shared VPC one owner, with the S3 gateway on every sharer's route tables", () => {
    const shared = { id: "vpc-000000aa", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-000000a1"], privateRouteTableIds: ["rtb-000000a1"] };
    const p = plan(
      estate({
        dev: { account: "prod", regions: { "us-east-1": { vpc: shared } }, services: { web } },
        staging: { account: "prod", regions: { "us-east-1": { vpc: { ...shared, privateRouteTableIds: ["rtb-000000a2"] } } }, services: { web } },
      }),
    );
    expect(errors(p)).toEqual([]);
    const dev = env(p, "dev");
    const staging = env(p, "staging");
    expect(dev.endpoints.map((e) => [e.service, e.mode])).toEqual([["ecr.api", "create"], ["ecr.dkr", "create"], ["s3", "create"], ["logs", "create"]]);
    expect(dev.vpc.endpointRouteTableIds).toEqual(["rtb-000000a1", "rtb-000000a2"]);
    expect(staging.endpoints.map((e) => [e.service, e.mode, e.ownerStack])).toEqual([["ecr.api", "shared", "dev"], ["ecr.dkr", "shared", "dev"], ["s3", "shared", "dev"], ["logs", "shared", "dev"]]);
    expect(staging.dependsOn).toEqual(["dev", `registry-${PROD}-us-east-1`]);
  });

  it("picks one subnet per Availability Zone for interface endpoints, the first by id", () => {
    const v = vpc("00000001", {
      privateSubnetIds: ["subnet-000000b2", "subnet-000000b1", "subnet-000000c1"],
      privateSubnetAvailabilityZones: { "subnet-000000b2": "us-east-1a", "subnet-000000b1": "us-east-1a", "subnet-000000c1": "us-east-1b" },
    });
    const p = plan(estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: v } }, services: { web } } }));
    expect(errors(p)).toEqual([]);
    expect(env(p, "prod").vpc.endpointSubnetIds).toEqual(["subnet-000000b1", "subnet-000000c1"]);
  });

  it("targets an existing cluster by name, and refuses EC2 capacity on it", () => {
    const p = plan(estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001"), existingClusterName: "legacy-prod" } }, services: { web } } }));
    expect(errors(p)).toEqual([]);
    expect(env(p, "prod")).toMatchObject({ clusterName: "legacy-prod", createCluster: false });
    expect(p.adoption).toContainEqual({ action: "adopt", stack: "prod", what: "existing ECS cluster legacy-prod runs the services (not created, not changed)" });
    const ec2 = plan(estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001"), existingClusterName: "legacy-prod" } }, services: { web: { ...web, launchType: "EC2" } } } }));
    expect(errors(ec2).map((f) => f.path)).toEqual(["environments.prod.regions.us-east-1.existingClusterName"]);
  });

  it("imports existing registry singletons and lists what the first apply imports and replaces", () => {
    const p = plan(
      estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001") } }, services: { web } } }, {
        prod: {
          id: PROD,
          registry: {
            pullThroughCache: { ecrPublic: true },
            existing: { "us-east-1": { registryPolicy: true, scanning: true, pullThroughCacheRules: ["ecr-public"] } },
            registryPolicyStatements: [{ Sid: "LetCiPush", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${PROD}:role/ci` }, Action: "ecr:CreateRepository", Resource: `arn:aws:ecr:us-east-1:${PROD}:repository/*` }],
          },
        },
      }),
    );
    expect(errors(p)).toEqual([]);
    const registry = p.registries[0]!;
    expect(registry.imports).toEqual([
      { target: "registry-policy", id: PROD },
      { target: "scanning", id: PROD },
      { target: "cache-rule", prefix: "ecr-public", id: "ecr-public" },
    ]);
    expect(registry.policyStatements.map((s) => s.Sid)).toEqual(["LetCiPush"]);
    expect(p.adoption.map((a) => `${a.action}: ${a.what}`)).toEqual([
      `import: pull-through cache rule ecr-public (replaced if its upstream, credential or role differs)`,
      `import: registry policy of ${PROD}`,
      "import: registry scanning configuration",
      "replace: scanning becomes BASIC SCAN_ON_PUSH for every repository",
      "replace: the registry policy becomes pullguard's statements plus registryPolicyStatements (statements not listed there are dropped)",
    ]);
  });

  it("refuses importing a cache rule the registry does not plan", () => {
    const p = plan(
      estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001") } }, services: { web } } }, {
        prod: { id: PROD, registry: { pullThroughCache: { ecrPublic: true }, existing: { "us-east-1": { pullThroughCacheRules: ["quay"] } } } },
      }),
    );
    expect(errors(p).map((f) => [f.path, f.message])).toEqual([["accounts.prod.registry.existing.us-east-1.pullThroughCacheRules", 'lists "quay", but this registry plans no cache rule with that prefix']]);
  });
});

describe("endpoint rules and other Regions (issue 9)", () => {
  const restricted = { restrictToAccount: true };
  it("does not flag a restricted endpoint for a direct pull from another Region's ECR, which never crosses it", () => {
    const p = plan(estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001") } }, endpoints: restricted, services: { api: { image: `${host("555555555555", "eu-west-1")}/api:1.0`, pullDirect: true, desiredCount: 2 } } } }));
    expect(p.findings.filter((f) => f.rule === "PG-ENDPOINT-POLICY-BLOCKS-PULL")).toEqual([]);
  });

  it("still flags a same-Region direct pull from another account through the restricted endpoint", () => {
    const p = plan(estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001") } }, endpoints: restricted, services: { api: { image: `${host("555555555555", "us-east-1")}/api:1.0`, pullDirect: true, desiredCount: 2 } } } }));
    expect(p.findings.filter((f) => f.rule === "PG-ENDPOINT-POLICY-BLOCKS-PULL").map((f) => f.level)).toEqual(["error"]);
  });

  it("refuses a cross-Region direct ECR pull with no NAT egress", () => {
    const p = plan(estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001", { natPublicIps: 0 }) } }, services: { api: { image: `${host(PROD, "eu-west-1")}/api:1.0`, pullDirect: true, desiredCount: 2 } } } }));
    expect(errors(p).map((f) => [f.rule, f.path])).toEqual([["PG-DIRECT-PULL-EGRESS", "environments.prod.regions.us-east-1.vpc.natPublicIps"]]);
    const sameRegion = plan(estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001", { natPublicIps: 0 }) } }, services: { api: { image: `${host(PROD, "us-east-1")}/api:1.0`, pullDirect: true, desiredCount: 2 } } } }));
    expect(errors(sameRegion)).toEqual([]);
  });

  it("warns that a restricted S3 gateway policy governs everything on its route tables", () => {
    const p = plan(estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001") } }, endpoints: restricted, services: { web } } }));
    expect(p.findings.filter((f) => f.rule === "PG-ENDPOINT-POLICY-SCOPE").map((f) => [f.level, f.path])).toEqual([["warning", "environments.prod.endpoints.restrictToAccount"]]);
  });
});

describe("bad estate config", () => {
  const problems = (input: unknown) => {
    const result = parseConfig(input);
    return result.ok ? [] : result.problems.map((p) => p.path);
  };
  const base = () => estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001") } }, services: { web } } }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it("names the path of a malformed role, endpoint id, Availability Zone or unknown per-Region key", () => {
    const input = base();
    input.accounts.prod.assumeRole = { roleArn: "arn:aws:iam::444444444444:user/bob", sessionName: "a" };
    input.environments.prod.regions["us-east-1"].endpoints = { ecrApi: { existingId: "vpce-xyz" } };
    input.environments.prod.regions["us-east-1"].vpc.privateSubnetAvailabilityZones = { "subnet-00000001": "east-1a" };
    input.environments.prod.regions["us-east-1"].desiredCount = 3;
    expect(problems(input).sort()).toEqual([
      "accounts.prod.assumeRole.roleArn",
      "accounts.prod.assumeRole.sessionName",
      "environments.prod.regions.us-east-1.desiredCount",
      "environments.prod.regions.us-east-1.endpoints.ecrApi.existingId",
      "environments.prod.regions.us-east-1.vpc.privateSubnetAvailabilityZones.subnet-00000001",
    ]);
  });

  it("refuses an Availability Zone map that misses a subnet or names another Region's zone", () => {
    const v = vpc("00000001", { privateSubnetIds: ["subnet-00000001", "subnet-00000002"], privateSubnetAvailabilityZones: { "subnet-00000001": "us-west-2a" } });
    const p = plan(estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: v } }, services: { web } } }));
    expect(errors(p).map((f) => [f.path, f.message])).toEqual([
      ["environments.prod.regions.us-east-1.vpc.privateSubnetAvailabilityZones", "has no Availability Zone for subnet-00000002; give one for every private subnet"],
      ["environments.prod.regions.us-east-1.vpc.privateSubnetAvailabilityZones.subnet-00000001", "is us-west-2a, which is not in us-east-1"],
    ]);
  });

  it("refuses a user registry policy statement that takes one of pullguard's Sids", () => {
    const input = base();
    input.accounts.prod.registry.registryPolicyStatements = [{ Sid: "AcceptReplication", Effect: "Allow", Principal: "*", Action: "ecr:CreateRepository", Resource: "*" }];
    const p = plan(input as Input);
    expect(errors(p).map((f) => f.path)).toEqual(["accounts.prod.registry.registryPolicyStatements[0].Sid"]);
  });
});

describe("existing singletons: what could go unnoticed", () => {
  it("annotates the registry stack with each setting the first apply replaces", () => {
    const p = plan(
      estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001") } }, services: { web } } }, {
        prod: { id: PROD, registry: { pullThroughCache: { ecrPublic: true }, existing: { "us-east-1": { scanning: true } } } },
      }),
    );
    expect(p.findings.filter((f) => f.rule === "PG-FIRST-APPLY-REPLACES").map((f) => [f.path, f.stack, f.message])).toEqual([
      ["accounts.prod.registry.existing.us-east-1", `registry-${PROD}-us-east-1`, "first apply: scanning becomes BASIC SCAN_ON_PUSH for every repository"],
    ]);
  });

  it("refuses existing singletons in a Region where the account has no registry stack", () => {
    const p = plan(
      estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001") } }, services: { web } } }, {
        prod: { id: PROD, registry: { pullThroughCache: { ecrPublic: true }, existing: { "eu-west-1": { scanning: true } } } },
      }),
    );
    expect(errors(p).map((f) => [f.path, f.message])).toEqual([["accounts.prod.registry.existing.eu-west-1", "names a Region where account prod has no registry stack (registries: us-east-1)"]]);
  });

  it("refuses a registry policy statement key it does not know rather than dropping it", () => {
    const result = parseConfig(
      estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001") } }, services: { web } } }, {
        prod: { id: PROD, registry: { registryPolicyStatements: [{ Sid: "X", Effect: "Deny", Principal: "*", Action: "ecr:*", Resource: "*", NotResource: "x" } as never] } },
      }),
    );
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(["accounts.prod.registry.registryPolicyStatements[0].NotResource"]);
  });
});

describe("deploy graph", () => {
  it("refuses an edge that would close a cycle and orders the rest in waves", () => {
    const { DeployGraph } = jest.requireActual<typeof import("../../../core/estate/deploy-order")>("../../../core/estate/deploy-order");
    const graph = new DeployGraph(["a", "b", "c"]);
    expect(graph.add("b", "a")).toBe(true);
    expect(graph.add("c", "b")).toBe(true);
    expect(graph.add("a", "c")).toBe(false);
    expect(graph.waves()).toEqual([["a"], ["b"], ["c"]]);
  });

  it("warns PG-DEPLOY-ORDER when two registries replicate into each other", () => {
    const p = plan(
      estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001") } }, services: { web } } }, {
        shared: { id: SHARED, registry: { replicationRules: [{ sourceRegion: "us-east-1", destinations: [{ account: "prod", region: "us-east-1" }], repositoryPrefixes: ["team-a"] }] } },
        prod: { id: PROD, registry: { pullThroughCache: { ecrPublic: true }, replicationRules: [{ sourceRegion: "us-east-1", destinations: [{ account: "shared", region: "us-east-1" }], repositoryPrefixes: ["team-b"] }] } },
      }),
    );
    expect(errors(p)).toEqual([]);
    // Registries are ordered by stack name: 3333... waits for 4444..., so 4444... cannot also wait for 3333....
    expect(p.findings.filter((f) => f.rule === "PG-DEPLOY-ORDER").map((f) => f.stack)).toEqual([`registry-${PROD}-us-east-1`]);
    expect(p.deployOrder).toEqual([[`registry-${PROD}-us-east-1`], ["prod", `registry-${SHARED}-us-east-1`]]);
  });

  it("refuses two environments that declare one VPC with different CIDRs", () => {
    const p = plan(
      estate({
        dev: { account: "prod", regions: { "us-east-1": { vpc: vpc("000000aa") } }, services: { web } },
        staging: { account: "prod", regions: { "us-east-1": { vpc: vpc("000000aa", { cidr: "10.1.0.0/16" }) } }, services: { web } },
      }),
    );
    expect(errors(p).map((f) => f.path)).toEqual(["environments.staging.regions.us-east-1.vpc.cidr"]);
  });
});
