import { capacityProviderName } from "../../core/rules/capacity-provider-name";
import { nameClash } from "../../core/rules/name-clash";
import type { RuleContext } from "../../core/rules/rule";
import { tagLimit } from "../../core/rules/tag-limit";
import { findingsOf, OWN_IMAGE, platform } from "./rule-cases";

const web = { web: { image: OWN_IMAGE, desiredCount: 1 } };

describe("PG-TAG-LIMIT (error)", () => {
  // Distinct keys: the platform's and the environment's tags merge, and pullguard adds 3 of its own.
  const tags = (prefix: string, count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, "x"]));

  test("compliant: 24 platform tags, 23 environment tags and pullguard's 3 are AWS's 50", () => {
    expect(findingsOf(platform(web, { tags: tags("env", 23) }, { tags: tags("platform", 24) }), tagLimit)).toEqual([]);
  });

  test("non-compliant: 24 and 24 make 51", () => {
    expect(findingsOf(platform(web, { tags: tags("env", 24) }, { tags: tags("platform", 24) }), tagLimit)).toEqual([
      {
        level: "error",
        path: "environments.prod.tags",
        message: "with the platform's tags and pullguard's own gives 51 tags per resource; AWS allows 50",
        stack: "prod",
        rule: "PG-TAG-LIMIT",
      },
    ]);
  });
});

describe("PG-CAPACITY-PROVIDER-NAME (error)", () => {
  const onEc2 = { web: { image: OWN_IMAGE, desiredCount: 1, launchType: "EC2" as const } };

  test("compliant: project apps names the capacity provider apps--prod-ec2", () => {
    expect(findingsOf(platform(onEc2, {}, { project: "apps" }), capacityProviderName)).toEqual([]);
  });

  test("non-compliant: project ecs-apps names it ecs-apps--prod-ec2, a prefix ECS refuses", () => {
    expect(findingsOf(platform(onEc2, {}, { project: "ecs-apps" }), capacityProviderName)).toEqual([
      {
        level: "error",
        path: "project",
        message: 'gives capacity provider name "ecs-apps--prod-ec2", but ECS refuses capacity provider names that begin with aws, ecs or fargate; choose another project name',
        stack: "prod",
        rule: "PG-CAPACITY-PROVIDER-NAME",
      },
    ]);
  });
});

describe("PG-NAME-CLASH (error)", () => {
  // core/locations/naming.ts builds names that cannot collide from a config, so the clash is a small literal
  // plan: the rule guards against naming changing, not against a config.
  const service = (name: string, family: string) => ({
    name,
    configPath: `environments.prod.services.${name}`,
    taskFamily: family,
    logGroupName: `/ecs/pullguard/prod/${name}`,
    securityGroupName: `pullguard--prod--${name}`,
    production: { deployment: { pullFailureAlarm: { ruleName: `pullguard--prod--${name}-cannot-pull`, alarmName: `pullguard--prod--${name}-pull-failures` } } },
  });
  const plan = (families: [string, string]) =>
    ({
      environments: [
        {
          environment: "prod",
          account: "111111111111",
          region: "us-east-1",
          vpc: { id: "vpc-0a1b2c3d" },
          clusterName: "pullguard--prod",
          endpointSecurityGroupName: "pullguard--prod-vpc-endpoints",
          pullFailureEvents: false,
          executionRoles: [],
          services: [service("web", families[0]), service("api", families[1])],
        },
      ],
      registries: [],
    }) as unknown as RuleContext["plan"];

  test("compliant: two task families with their own names", () => {
    expect(nameClash.check({ plan: plan(["pullguard--prod--web", "pullguard--prod--api"]) })).toEqual([]);
  });

  test("non-compliant: two services given one task family name in one account and Region", () => {
    expect(nameClash.check({ plan: plan(["pullguard--prod--web", "pullguard--prod--web"]) })).toEqual([
      {
        path: "environments.prod.services.api",
        message: 'gives name "pullguard--prod--web", which environments.prod.services.web also gives (task definition families in 111111111111/us-east-1); rename one',
      },
    ]);
    expect([nameClash.definition.id, nameClash.definition.level]).toEqual(["PG-NAME-CLASH", "error"]);
  });
});
