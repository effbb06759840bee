/**
 * Real estates, as the planner resolves them: several accounts reached by assumed roles and their
 * apply order, own images across registries, Region-bound settings per Region (existing
 * infrastructure: estate-existing.test.ts). Expected values are written out by hand.
 */
import { env, errors, estate, host, plan, PROD, SHARED, vpc, web } from "../../helpers/estate-config";

describe("several accounts", () => {
  it("carries assume_role and profile per account into every stack of that account", () => {
    const p = plan(estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001") } }, services: { web } } }, { shared: { id: SHARED, profile: "build" } }));
    expect(errors(p)).toEqual([]);
    expect(env(p, "prod").access).toEqual({ assumeRole: { roleArn: `arn:aws:iam::${PROD}:role/pullguard-deploy`, sessionName: "pullguard" } });
    // The registry stack of the same account is applied with the same role.
    expect(p.registries.find((r) => r.account === PROD)!.access).toEqual({ assumeRole: { roleArn: `arn:aws:iam::${PROD}:role/pullguard-deploy`, sessionName: "pullguard" } });
  });

  it("refuses a role to assume that lives in another account", () => {
    const p = plan(estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001") } }, services: { web } } }, { prod: { id: PROD, registry: { pullThroughCache: { ecrPublic: true } }, assumeRole: { roleArn: `arn:aws:iam::${SHARED}:role/deploy` } } }));
    expect(errors(p).map((f) => [f.path, f.message])).toEqual([
      ["accounts.prod.assumeRole.roleArn", `is in account ${SHARED}, but accounts.prod is ${PROD}; assume a role in the account the stacks apply to`],
    ]);
  });

  it("applies the upstream registry, then the cluster registries, then the environments", () => {
    const p = plan(
      estate({
        prod: {
          account: "prod",
          regions: { "us-east-1": { vpc: vpc("00000001") }, "us-west-2": { vpc: vpc("00000002") } },
          services: { orders: { image: `${host(SHARED, "us-east-1")}/orders:1.0.0`, desiredCount: 2 } },
        },
      }),
    );
    expect(errors(p)).toEqual([]);
    expect(p.deployOrder).toEqual([
      [`registry-${SHARED}-us-east-1`],
      [`registry-${PROD}-us-east-1`, `registry-${PROD}-us-west-2`],
      ["prod-us-east-1", "prod-us-west-2"],
    ]);
    expect(env(p, "prod-us-west-2").dependsOn).toEqual([`registry-${PROD}-us-west-2`]);
    expect(p.registries.find((r) => r.stackName === `registry-${PROD}-us-west-2`)!.dependsOn).toEqual([`registry-${SHARED}-us-east-1`]);
  });
});

describe("own images across accounts: ECR-to-ECR pull-through cache", () => {
  const p = plan(estate({ prod: { account: "prod", regions: { "us-west-2": { vpc: vpc("00000002") } }, services: { orders: { image: `${host(SHARED, "us-east-1")}/team/orders:1.0.0`, desiredCount: 2 } } } }));

  it("rewrites the image to the cluster registry's cache prefix for the upstream", () => {
    expect(errors(p)).toEqual([]);
    expect(env(p, "prod").services[0]!.containers[0]!.image).toMatchObject({
      route: "pull-through-cache",
      repositoryUri: `${host(PROD, "us-west-2")}/${SHARED}-us-east-1/team/orders`,
    });
  });

  it("creates a role in the cluster account that ECR's pull-through cache assumes, reading only the upstream registry", () => {
    const downstream = p.registries.find((r) => r.account === PROD)!;
    expect(downstream.cacheRules.find((r) => r.kind === "ecr")!.customRoleArn).toBe(`arn:aws:iam::${PROD}:role/pullguard--ecr-upstream-us-west-2`);
    expect(downstream.upstreamRole!.trustPolicy.Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "pullthroughcache.ecr.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": PROD } } },
    ]);
    const read = downstream.upstreamRole!.policy.Statement.find((s) => s.Sid === "ReadUpstreamImages")!;
    expect(read.Resource).toEqual([`arn:aws:ecr:us-east-1:${SHARED}:repository/*`]);
  });

  it("grants that role read access in the upstream registry's policy, managed by the upstream's registry stack", () => {
    const upstream = p.registries.find((r) => r.account === SHARED)!;
    expect(upstream.stackName).toBe(`registry-${SHARED}-us-east-1`);
    expect(upstream.policyStatements).toEqual([
      {
        Sid: "PullThroughCacheFromDownstream",
        Effect: "Allow",
        Principal: { AWS: [`arn:aws:iam::${PROD}:root`] },
        Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        Resource: `arn:aws:ecr:us-east-1:${SHARED}:repository/*`,
        Condition: { ArnEquals: { "aws:PrincipalArn": [`arn:aws:iam::${PROD}:role/pullguard--ecr-upstream-us-west-2`] } },
      },
    ]);
  });

  it("tells the user the exact statement to add when the upstream account is not managed here", () => {
    const q = plan(
      estate({ prod: { account: "prod", regions: { "us-west-2": { vpc: vpc("00000002") } }, services: { web } } }, {
        prod: {
          id: PROD,
          registry: { pullThroughCache: { ecrPublic: true, ecr: { vendor: { account: "555555555555", region: "eu-west-1", roleArn: `arn:aws:iam::${PROD}:role/vendor-pull` } } } },
        },
      }),
    );
    const hit = q.findings.find((f) => f.rule === "PG-UPSTREAM-POLICY")!;
    expect(hit.path).toBe("accounts.prod.registry.pullThroughCache.ecr.vendor");
    expect(hit.message).toContain('"Principal":{"AWS":["arn:aws:iam::444444444444:root"]}');
    expect(hit.message).toContain('"Resource":"arn:aws:ecr:eu-west-1:555555555555:repository/*"');
  });
});

describe("Region-bound settings", () => {
  it("takes desired count, secrets and endpoint ids per Region over the environment's defaults", () => {
    const secret = (region: string) => `arn:aws:secretsmanager:${region}:${PROD}:secret:prod/db-AbCdEf`;
    const p = plan(
      estate({
        prod: {
          account: "prod",
          regions: {
            "us-east-1": { vpc: vpc("00000001"), endpoints: { ecrApi: { existingId: "vpce-0000000a" } } },
            "us-west-2": { vpc: vpc("00000002"), services: { web: { desiredCount: 5, secrets: { DB: secret("us-west-2") } } } },
          },
          services: { web: { ...web, secrets: { DB: secret("us-east-1") } } },
        },
      }),
    );
    expect(errors(p)).toEqual([]);
    const east = env(p, "prod-us-east-1");
    const west = env(p, "prod-us-west-2");
    expect([east.services[0]!.desiredCount, west.services[0]!.desiredCount]).toEqual([2, 5]);
    expect(west.services[0]!.containers[0]!.secrets).toEqual({ DB: secret("us-west-2") });
    expect(east.endpoints.find((e) => e.service === "ecr.api")).toMatchObject({ mode: "existing", existingId: "vpce-0000000a" });
    // The us-east-1 endpoint id no longer turns creation off in us-west-2.
    expect(west.endpoints.find((e) => e.service === "ecr.api")!.mode).toBe("create");
  });

  it("refuses a value from the wrong Region at the path it came from, and an environment-wide endpoint id in a multi-Region environment", () => {
    const p = plan(
      estate({
        prod: {
          account: "prod",
          regions: { "us-east-1": { vpc: vpc("00000001") }, "us-west-2": { vpc: vpc("00000002"), services: { web: { secretsKmsKeyArns: [`arn:aws:kms:us-east-1:${PROD}:key/1234abcd-12ab-34cd-56ef-1234567890ab`] } } } },
          endpoints: { s3: { existingId: "vpce-0000000b" } },
          services: { web: { ...web, secrets: { DB: `arn:aws:secretsmanager:us-east-1:${PROD}:secret:prod/db-AbCdEf` } } },
        },
      }),
    );
    // The environment-wide endpoint id is one finding for the environment, not one per Region's stack.
    expect(errors(p).map((f) => f.path).sort()).toEqual([
      "environments.prod.endpoints.s3",
      "environments.prod.regions.us-west-2.services.web.secretsKmsKeyArns[0]",
      "environments.prod.services.web.secrets.DB",
    ]);
    expect(errors(p).find((f) => f.path === "environments.prod.services.web.secrets.DB")!.message).toBe(
      "is in us-east-1, but prod-us-west-2 runs in us-west-2: tasks read it in their own Region; set this Region's value under environments.prod.regions.us-west-2.services.web.secrets.DB",
    );
  });

  it("refuses a per-Region override of a service that does not exist", () => {
    const p = plan(estate({ prod: { account: "prod", regions: { "us-east-1": { vpc: vpc("00000001"), services: { api: { desiredCount: 3 } } } }, services: { web } } }));
    expect(errors(p).map((f) => [f.path, f.message])).toEqual([["environments.prod.regions.us-east-1.services.api", "names no service of environments.prod (services: web)"]]);
  });
});
