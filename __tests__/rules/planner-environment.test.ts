/**
 * The findings the planner emits while planning an environment's network, IAM and deployment
 * (core/environment, core/iam, core/locations/region-production.ts): for each id, a config that
 * comes close without emitting it and one that emits exactly it, at a hand-written path with the
 * catalogued level.
 */
import { ACCOUNT, BLUE_GREEN_LOAD_BALANCER, emitted, OWN_IMAGE, platform, VPC } from "./rule-cases";

const SERVICE = "environments.prod.services.web";
const web = { web: { image: OWN_IMAGE, desiredCount: 2 } };

describe("PG-ENDPOINT-OFF (warning)", () => {
  const secrets = { DB: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf` };
  const off = (extra: Record<string, unknown>) => platform({ web: { image: OWN_IMAGE, desiredCount: 2, ...extra } }, { endpoints: { secretsmanager: "off" } });
  test("compliant: the Secrets Manager endpoint off where no container reads a secret", () => {
    expect(emitted(off({}), "PG-ENDPOINT-OFF")).toEqual([]);
  });
  test("non-compliant: the Secrets Manager endpoint off while a container reads a secret", () => {
    expect(emitted(off({ secrets }), "PG-ENDPOINT-OFF")).toEqual([["warning", "environments.prod.endpoints.secretsmanager"]]);
  });
});

describe("PG-SUBNET-ZONE (error)", () => {
  const zoned = (zone: string) => platform(web, { regions: { "us-east-1": { vpc: { ...VPC, privateSubnetAvailabilityZones: { "subnet-0a1b2c3d": zone } } } } });
  test("compliant: the private subnet in a zone of the environment's Region", () => {
    expect(emitted(zoned("us-east-1a"), "PG-SUBNET-ZONE")).toEqual([]);
  });
  test("non-compliant: the private subnet in a zone of another Region", () => {
    expect(emitted(zoned("us-west-2a"), "PG-SUBNET-ZONE")).toEqual([["error", "environments.prod.regions.us-east-1.vpc.privateSubnetAvailabilityZones.subnet-0a1b2c3d"]]);
  });
});

// The task role's inline policy: 114 characters with no resource, 30 per resource key (29 quoted
// and a comma), so 336 keys and a 44-character filler make exactly IAM's 10,240 (not counting white space).
const keys = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket/key-${String(i).padStart(3, "0")}`);
const filler = (length: number) => `arn:aws:s3:::bucket/${"p".repeat(length - 20)}`;
const withTaskRole = (resources: string[]) => platform({ web: { image: OWN_IMAGE, desiredCount: 2, taskRole: { statements: [{ actions: ["s3:GetObject"], resources }] } } });

describe("PG-POLICY-SIZE (error)", () => {
  test("compliant: a task role policy of exactly 10,240 characters", () => {
    expect(emitted(withTaskRole([...keys(336), filler(44)]), "PG-POLICY-SIZE")).toEqual([]);
  });
  test("non-compliant: 10,241 characters, reported at the statement that grew it", () => {
    expect(emitted(withTaskRole([...keys(336), filler(45)]), "PG-POLICY-SIZE")).toEqual([["error", `${SERVICE}.taskRole.statements[0]`]]);
  });
});

const hooked = (lambdaRegion: string) =>
  platform({
    web: {
      image: OWN_IMAGE,
      desiredCount: 2,
      port: 8080,
      loadBalancers: [BLUE_GREEN_LOAD_BALANCER],
      deployment: {
        strategy: "BLUE_GREEN" as const,
        alarms: { names: ["web-5xx"] },
        lifecycleHooks: [{ targetArn: `arn:aws:lambda:${lambdaRegion}:${ACCOUNT}:function:smoke-test`, roleArn: `arn:aws:iam::${ACCOUNT}:role/ecs-hooks`, stages: ["POST_TEST_TRAFFIC_SHIFT" as const] }],
      },
    },
  });

describe("PG-LIFECYCLE-HOOK-REGION (warning)", () => {
  test("compliant: a hook function in the service's Region", () => {
    expect(emitted(hooked("us-east-1"), "PG-LIFECYCLE-HOOK-REGION")).toEqual([]);
  });
  test("non-compliant: a hook function of another Region", () => {
    expect(emitted(hooked("us-west-2"), "PG-LIFECYCLE-HOOK-REGION")).toEqual([["warning", `${SERVICE}.deployment.lifecycleHooks[0].targetArn`]]);
  });
});
