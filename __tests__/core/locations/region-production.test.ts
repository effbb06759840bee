import type { PlatformConfigInput } from "../../../config/schema";
import { FindingLog } from "../../../core/model/findings";
import { planPlatform } from "../../../core/plan";
import { environmentInRegion } from "../../../core/locations/region-settings";
import { environmentDrafts, findingLines, parsedConfig, TEST_VPC as VPC } from "../../helpers/plan-steps";

const ACCOUNT = "111111111111";
const tg = (region: string, name: string, account = ACCOUNT) => `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/${name}/0a1b2c3d4e5f6071`;
const rule = (region: string) => `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:listener-rule/app/web/0123456789abcdef/0123456789abcdef/1234567890abcdef`;
const alb = (region: string) => `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/app/web/0123456789abcdef`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ecs-infrastructure-load-balancers`;

type EnvironmentInput = PlatformConfigInput["environments"][string];
type ServiceInput = NonNullable<EnvironmentInput["services"]>[string];

/** A BLUE_GREEN service behind us-east-1's load balancer, scaled on its request count. */
const api: ServiceInput = {
  image: "nginx:1.27.3",
  port: 8080,
  desiredCount: 2,
  loadBalancers: [
    {
      targetGroupArn: tg("us-east-1", "api-blue"),
      port: 8080,
      advanced: { alternateTargetGroupArn: tg("us-east-1", "api-green"), productionListenerRuleArn: rule("us-east-1"), roleArn: ROLE },
    },
  ],
  autoscaling: { min: 2, max: 6, policy: { type: "target-tracking", metric: "alb-requests", target: 500, loadBalancerArn: alb("us-east-1") } },
  deployment: { strategy: "BLUE_GREEN", alarms: { names: ["api-5xx-east"] } },
};

/** The findings about where a Region's values belong: raised while merging, or judged on the plan's Region-bound ARNs. */
const LOCATION_FINDINGS = new Set(["PG-REGION-OVERRIDE-UNKNOWN", "PG-ARN-REGION", "PG-TARGET-GROUP-LOCATION", "PG-LIFECYCLE-HOOK-REGION"]);

/** Parses one environment `prod` and returns it merged for `region`, with that Region's stack's findings once the whole config is planned. */
function inRegion(env: Omit<EnvironmentInput, "account">, region: string, account = ACCOUNT) {
  const config = parsedConfig({ accounts: { main: { id: account } }, environments: { prod: { account: "main", ...env } } });
  const stack = Object.keys(env.regions).length > 1 ? `prod-${region}` : "prod";
  const merged = environmentInRegion("prod", config.environments.prod!, { account: account, region, stack }, new FindingLog());
  const findings = planPlatform(config)
    .findings.filter((f) => f.stack === stack && LOCATION_FINDINGS.has(f.rule))
    .map((f) => `${f.level} [${f.stack}] ${f.path}: ${f.message}`);
  return { merged, findings };
}

const westOverride = {
  loadBalancers: [{ targetGroupArn: tg("us-west-2", "api-blue"), advanced: { alternateTargetGroupArn: tg("us-west-2", "api-green"), productionListenerRuleArn: rule("us-west-2") } }],
  deployment: { alarms: { names: ["api-5xx-west"] } },
  autoscaling: { policy: { loadBalancerArn: alb("us-west-2") } },
};

describe("per-Region load balancers, alarms and request-count ALB", () => {
  const twoRegions = { regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: VPC, services: { api: westOverride } } }, services: { api } };

  test("the Region's values win; container, port, role and rollback stay the service's", () => {
    const { merged, findings } = inRegion(twoRegions, "us-west-2");
    expect(findings).toEqual([]);
    const service = merged.env.services.api!;
    expect(service.loadBalancers).toEqual([
      {
        targetGroupArn: "arn:aws:elasticloadbalancing:us-west-2:111111111111:targetgroup/api-blue/0a1b2c3d4e5f6071",
        port: 8080,
        advanced: {
          alternateTargetGroupArn: "arn:aws:elasticloadbalancing:us-west-2:111111111111:targetgroup/api-green/0a1b2c3d4e5f6071",
          productionListenerRuleArn: "arn:aws:elasticloadbalancing:us-west-2:111111111111:listener-rule/app/web/0123456789abcdef/0123456789abcdef/1234567890abcdef",
          roleArn: "arn:aws:iam::111111111111:role/ecs-infrastructure-load-balancers",
        },
      },
    ]);
    expect(service.deployment.alarms).toEqual({ names: ["api-5xx-west"], rollback: true });
    expect(service.autoscaling?.policy).toMatchObject({ loadBalancerArn: "arn:aws:elasticloadbalancing:us-west-2:111111111111:loadbalancer/app/web/0123456789abcdef" });
  });

  test("the Region without overrides keeps the service's values, which are its own Region's", () => {
    const { merged, findings } = inRegion(twoRegions, "us-east-1");
    expect(findings).toEqual([]);
    expect(merged.env.services.api!.loadBalancers[0]!.targetGroupArn).toBe("arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/api-blue/0a1b2c3d4e5f6071");
    expect(merged.env.services.api!.deployment.alarms).toEqual({ names: ["api-5xx-east"], rollback: true });
  });

  test("the plan of the second Region renders its own target groups, rules, alarms and ALB resource label", () => {
    const cached = { ...twoRegions, services: { api: { ...api, image: "public.ecr.aws/nginx/nginx:1.27.3" } } };
    const { drafts, log } = environmentDrafts({ accounts: { main: { id: ACCOUNT, registry: { pullThroughCache: { ecrPublic: true } } } }, environments: { prod: { account: "main", ...cached } } });
    expect(findingLines(log).filter((f) => f.startsWith("error"))).toEqual([]);
    const west = drafts.find((d) => d.stackName === "prod-us-west-2")!.services[0]!.production;
    expect(west.loadBalancers.map((lb) => [lb.targetGroupArn, lb.advanced?.alternateTargetGroupArn, lb.advanced?.productionListenerRule])).toEqual([
      [
        "arn:aws:elasticloadbalancing:us-west-2:111111111111:targetgroup/api-blue/0a1b2c3d4e5f6071",
        "arn:aws:elasticloadbalancing:us-west-2:111111111111:targetgroup/api-green/0a1b2c3d4e5f6071",
        "arn:aws:elasticloadbalancing:us-west-2:111111111111:listener-rule/app/web/0123456789abcdef/0123456789abcdef/1234567890abcdef",
      ],
    ]);
    expect(west.deployment.alarms?.names).toEqual(["api-5xx-west"]);
    expect(west.autoscaling?.policy).toMatchObject({ resourceLabel: "app/web/0123456789abcdef/targetgroup/api-blue/0a1b2c3d4e5f6071" });
  });

  test("no override for the second Region: every Region-bound ARN is refused at the service's path, with the path to set", () => {
    const { findings } = inRegion({ regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: VPC } }, services: { api } }, "us-west-2");
    const tail = "set this Region's value under environments.prod.regions.us-west-2.services.api";
    expect(findings).toEqual([
      `error [prod-us-west-2] environments.prod.services.api.autoscaling.policy.loadBalancerArn: is in 111111111111/us-east-1, but prod-us-west-2 runs in 111111111111/us-west-2: request-count scaling follows a load balancer of the service's own account and Region; ${tail}.autoscaling.policy.loadBalancerArn`,
      `error [prod-us-west-2] environments.prod.services.api.loadBalancers[0].advanced.alternateTargetGroupArn: is in 111111111111/us-east-1, but prod-us-west-2 runs in 111111111111/us-west-2: ECS registers tasks only in a target group of its own account and Region; ${tail}.loadBalancers[0].advanced.alternateTargetGroupArn`,
      `error [prod-us-west-2] environments.prod.services.api.loadBalancers[0].advanced.productionListenerRuleArn: is in 111111111111/us-east-1, but prod-us-west-2 runs in 111111111111/us-west-2: ECS shifts traffic only on listener rules of its own account and Region; ${tail}.loadBalancers[0].advanced.productionListenerRuleArn`,
      `error [prod-us-west-2] environments.prod.services.api.loadBalancers[0].targetGroupArn: is in 111111111111/us-east-1, but prod-us-west-2 runs in 111111111111/us-west-2: ECS registers tasks only in a target group of its own account and Region; ${tail}.loadBalancers[0].targetGroupArn`,
    ]);
  });

  test("a wrong-Region ARN set in the Region is refused at the Region's path; an omitted one at the service's", () => {
    const override = { loadBalancers: [{ targetGroupArn: tg("eu-west-1", "api-blue"), advanced: { productionListenerRuleArn: rule("us-west-2") } }] };
    const { findings } = inRegion({ regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: VPC, services: { api: override } } }, services: { api: { ...api, autoscaling: undefined } } }, "us-west-2");
    expect(findings).toEqual([
      "error [prod-us-west-2] environments.prod.regions.us-west-2.services.api.loadBalancers[0].targetGroupArn: is in 111111111111/eu-west-1, but prod-us-west-2 runs in 111111111111/us-west-2: ECS registers tasks only in a target group of its own account and Region",
      "error [prod-us-west-2] environments.prod.services.api.loadBalancers[0].advanced.alternateTargetGroupArn: is in 111111111111/us-east-1, but prod-us-west-2 runs in 111111111111/us-west-2: ECS registers tasks only in a target group of its own account and Region; set this Region's value under environments.prod.regions.us-west-2.services.api.loadBalancers[0].advanced.alternateTargetGroupArn",
    ]);
  });

  test("a target group of another account in the right Region is refused without a per-Region hint", () => {
    const other = { ...api, autoscaling: undefined, deployment: undefined, loadBalancers: [{ targetGroupArn: tg("us-east-1", "api", "222222222222"), port: 8080 }] };
    expect(inRegion({ regions: { "us-east-1": { vpc: VPC } }, services: { api: other } }, "us-east-1").findings).toEqual([
      "error [prod] environments.prod.services.api.loadBalancers[0].targetGroupArn: is in 222222222222/us-east-1, but prod runs in 111111111111/us-east-1: ECS registers tasks only in a target group of its own account and Region",
    ]);
  });
});

describe("per-Region lifecycle hooks", () => {
  const hook = (region: string) => ({ targetArn: `arn:aws:lambda:${region}:${ACCOUNT}:function:smoke-test`, roleArn: ROLE, stages: ["POST_TEST_TRAFFIC_SHIFT" as const] });
  const hooked = { ...api, autoscaling: undefined, deployment: { strategy: "BLUE_GREEN" as const, alarms: { names: ["api-5xx"] }, lifecycleHooks: [hook("us-east-1")] } };
  const lbs = { loadBalancers: westOverride.loadBalancers };

  test("the Region's hooks replace the service's", () => {
    const { merged, findings } = inRegion({ regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: VPC, services: { api: { ...lbs, deployment: { lifecycleHooks: [hook("us-west-2")] } } } } }, services: { api: hooked } }, "us-west-2");
    expect(findings).toEqual([]);
    expect(merged.env.services.api!.deployment.lifecycleHooks.map((h) => h.targetArn)).toEqual(["arn:aws:lambda:us-west-2:111111111111:function:smoke-test"]);
    expect(merged.env.services.api!.deployment.alarms).toEqual({ names: ["api-5xx"], rollback: true });
  });

  test("another Region's Lambda function is a warning (AWS does not say ECS cannot call it), with the path to set", () => {
    const { findings } = inRegion({ regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: VPC, services: { api: lbs } } }, services: { api: hooked } }, "us-west-2");
    expect(findings).toEqual([
      "warning [prod-us-west-2] environments.prod.services.api.deployment.lifecycleHooks[0].targetArn: is a Lambda function in us-east-1, but prod-us-west-2 runs in us-west-2; set this Region's hooks under environments.prod.regions.us-west-2.services.api.deployment.lifecycleHooks",
    ]);
  });
});

describe("per-Region overrides that have nothing to override", () => {
  const plain = { image: "nginx:1.27.3", port: 8080, desiredCount: 2, loadBalancers: [{ targetGroupArn: tg("us-east-1", "api"), port: 8080 }], autoscaling: { min: 2, max: 4, policy: { type: "target-tracking" as const, metric: "cpu" as const, target: 60 } } };

  test("a count of load balancers unlike the service's, `advanced` for a plain one, an ALB for cpu scaling", () => {
    const twoEntries = { loadBalancers: [{ targetGroupArn: tg("us-west-2", "a") }, { targetGroupArn: tg("us-west-2", "b") }] };
    expect(inRegion({ regions: { "us-west-2": { vpc: VPC, services: { api: twoEntries } } }, services: { api: plain } }, "us-west-2").findings[0]).toBe(
      "error [prod] environments.prod.regions.us-west-2.services.api.loadBalancers: lists 2 load balancers, but environments.prod.services.api.loadBalancers lists 1 load balancer; entry i gives this Region's ARNs of the service's entry i",
    );
    const extras = { loadBalancers: [{ targetGroupArn: tg("us-east-1", "api"), advanced: { roleArn: ROLE } }], autoscaling: { policy: { loadBalancerArn: alb("us-east-1") } } };
    expect(inRegion({ regions: { "us-east-1": { vpc: VPC, services: { api: extras } } }, services: { api: plain } }, "us-east-1").findings).toEqual([
      "error [prod] environments.prod.regions.us-east-1.services.api.autoscaling.policy.loadBalancerArn: has nothing to override: environments.prod.services.api.autoscaling does not track alb-requests",
      "error [prod] environments.prod.regions.us-east-1.services.api.loadBalancers[0].advanced: has nothing to override: environments.prod.services.api.loadBalancers[0] has no advanced configuration; declare it there first",
    ]);
  });

  test("an empty alarm list, a listener rule in a target group's place and a stray key (port is not Region-bound) are schema errors", () => {
    const bad = { loadBalancers: [{ targetGroupArn: rule("us-east-1"), port: 80 }], deployment: { alarms: { names: [] } } };
    const config = { accounts: { main: { id: ACCOUNT } }, environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC, services: { api: bad } } }, services: { api: plain } } } };
    expect(() => parsedConfig(config as PlatformConfigInput)).toThrow(
      [
        "config should be valid:",
        "environments.prod.regions.us-east-1.services.api.loadBalancers[0].targetGroupArn: must be an ELB target group ARN",
        "environments.prod.regions.us-east-1.services.api.loadBalancers[0].port: unknown key",
        "environments.prod.regions.us-east-1.services.api.deployment.alarms.names: must list at least 1 item",
      ].join("\n"),
    );
  });
});
