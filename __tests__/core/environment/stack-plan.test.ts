import { assessAccountRegions, profilesByAccountRegion, recordReplicationNeed } from "../../../core/environment/stack-plan";
import { quotasPerRegion } from "../../../core/plan/support";
import type { ReplicationNeeds } from "../../../core/model/plan-types";
import type { PlatformConfigInput } from "../../../config/schema";
import type { EnvironmentDraft } from "../../../core/model/plan-types";
import { environmentDrafts, findingLines, TEST_VPC as VPC } from "../../helpers/plan-steps";

const NGINX = "public.ecr.aws/nginx/nginx:1.27";

/** Plans every location of the config with planEnvironmentStack, as planPlatform does. */
function stacks(input: PlatformConfigInput) {
  const { config, drafts, replicationNeeds, log } = environmentDrafts(input);
  return { config, drafts, replicationNeeds, findings: findingLines(log) };
}

const ONE_ACCOUNT: PlatformConfigInput["accounts"] = { main: { id: "111111111111", registry: { pullThroughCache: { ecrPublic: true } } } };

describe("planEnvironmentStack", () => {
  test("names the cluster, endpoints' group, failure rule and registry stack of its location, and merges the tags", () => {
    const { drafts, findings } = stacks({
      accounts: ONE_ACCOUNT,
      tags: { owner: "platform", team: "platform" },
      environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, tags: { team: "web" }, services: { worker: { image: NGINX, desiredCount: 1 }, api: { image: NGINX, desiredCount: 2 } } } },
    });
    expect(findings).toEqual([]);
    const prod = drafts[0]!;
    expect({
      stackName: prod.stackName,
      clusterName: prod.clusterName,
      clusterArn: prod.clusterArn,
      createCluster: prod.createCluster,
      endpointSecurityGroupName: prod.endpointSecurityGroupName,
      pullFailureRuleName: prod.pullFailureRuleName,
      alertTopicArn: prod.alertTopicArn,
      registryStackName: prod.registryStackName,
      tags: prod.tags,
    }).toEqual({
      stackName: "prod",
      clusterName: "pullguard--prod",
      clusterArn: "arn:aws:ecs:us-east-1:111111111111:cluster/pullguard--prod",
      createCluster: true,
      endpointSecurityGroupName: "pullguard--prod-vpc-endpoints",
      pullFailureRuleName: "pullguard--prod-cannot-pull",
      // detection's defaults publish usage alarms and pull failures to the topic the registry stack creates.
      alertTopicArn: "arn:aws:sns:us-east-1:111111111111:pullguard--image-pulls",
      registryStackName: "registry-111111111111-us-east-1",
      // The environment's tag wins over the platform's of the same key.
      tags: { owner: "platform", team: "web" },
    });
    // Services in code-point order, whatever the config's order.
    expect(prod.services.map((s) => s.name)).toEqual(["api", "worker"]);
    expect(prod.vpc).toEqual({
      id: "vpc-0a1b2c3d",
      cidr: "10.0.0.0/16",
      privateSubnetIds: ["subnet-0a1b2c3d"],
      privateRouteTableIds: ["rtb-0a1b2c3d"],
      natPublicIps: 1,
      endpointSubnetIds: ["subnet-0a1b2c3d"],
      endpointRouteTableIds: ["rtb-0a1b2c3d"],
    });
    expect(prod.groupAssessment.label).toBe("prod (every service rolling at once)");
    expect(prod.groupAssessment.services.map((s) => s.profile.service)).toEqual(["api", "worker"]);
  });

  test("a multi-Region environment names its cluster the same in every Region; an existing cluster is used, not created", () => {
    const { drafts, findings } = stacks({
      accounts: ONE_ACCOUNT,
      environments: {
        prod: { account: "main", regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: VPC, existingClusterName: "legacy" } }, services: { api: { image: NGINX, desiredCount: 1 } } },
      },
    });
    expect(findings).toEqual([]);
    expect(drafts.map((d) => [d.stackName, d.clusterName, d.clusterArn, d.createCluster])).toEqual([
      ["prod-us-east-1", "pullguard--prod", "arn:aws:ecs:us-east-1:111111111111:cluster/pullguard--prod", true],
      ["prod-us-west-2", "legacy", "arn:aws:ecs:us-west-2:111111111111:cluster/legacy", false],
    ]);
  });

  test("an existing cluster with Fargate Spot services is still planned: PG-EXISTING-CLUSTER-CAPACITY judges it on the plan (__tests__/rules/capacity.test.ts)", () => {
    const spot = [{ provider: "FARGATE_SPOT" as const, weight: 1 }];
    const { drafts, findings } = stacks({
      accounts: ONE_ACCOUNT,
      environments: {
        prod: {
          account: "main",
          existingClusterName: "legacy",
          regions: { "us-east-1": { vpc: VPC } },
          services: { api: { image: NGINX, desiredCount: 1 }, batch: { image: NGINX, desiredCount: 1, capacityProviderStrategy: spot }, jobs: { image: NGINX, desiredCount: 1, capacityProviderStrategy: spot } },
        },
      },
    });
    expect(findings).toEqual([]);
    // The stack is still planned, so every other finding about it is reported in the same run.
    expect(drafts[0]!.services.map((s) => s.name)).toEqual(["api", "batch", "jobs"]);
  });

  test("an image of ours pushed in another Region, with ownImages: replication, is recorded as a replication need", () => {
    const { replicationNeeds, findings } = stacks({
      accounts: { main: { id: "111111111111", registry: { ownImages: "replication" } } },
      environments: { prod: { account: "main", regions: { "us-west-2": { vpc: VPC } }, services: { api: { image: "111111111111.dkr.ecr.us-east-1.amazonaws.com/team/api:1.0", desiredCount: 1 } } } },
    });
    expect(findings).toEqual([]);
    expect([...replicationNeeds].map(([source, repositories]) => [source, [...repositories].map(([repository, destinations]) => [repository, [...destinations]])])).toEqual([
      ["111111111111/us-east-1", [["team/api", ["111111111111/us-west-2"]]]],
    ]);
  });
});

describe("recordReplicationNeed", () => {
  test("collects destinations per source registry and repository, each once", () => {
    const needs: ReplicationNeeds = new Map();
    const source = { account: "111111111111", region: "us-east-1" };
    recordReplicationNeed(needs, source, "api", { account: "111111111111", region: "us-west-2" });
    recordReplicationNeed(needs, source, "api", { account: "222222222222", region: "us-east-1" });
    recordReplicationNeed(needs, source, "api", { account: "111111111111", region: "us-west-2" });
    recordReplicationNeed(needs, source, "web", { account: "111111111111", region: "us-west-2" });
    expect([...needs.keys()]).toEqual(["111111111111/us-east-1"]);
    expect([...needs.get("111111111111/us-east-1")!].map(([repository, destinations]) => [repository, [...destinations]])).toEqual([
      ["api", ["111111111111/us-west-2", "222222222222/us-east-1"]],
      ["web", ["111111111111/us-west-2"]],
    ]);
  });
});

describe("assessAccountRegions", () => {
  const { config, drafts } = stacks({
    accounts: ONE_ACCOUNT,
    environments: {
      prod: { account: "main", regions: { "us-west-2": { vpc: VPC }, "us-east-1": { vpc: VPC } }, services: { api: { image: NGINX, desiredCount: 2 } } },
      dev: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { api: { image: NGINX, desiredCount: 1 }, web: { image: NGINX, desiredCount: 1 } } },
    },
  });

  test("pools every environment's services by account and Region, in location order", () => {
    const pools = profilesByAccountRegion(drafts);
    expect([...pools].map(([key, profiles]) => [key, profiles.map((p) => `${p.stack}/${p.service}`)])).toEqual([
      ["111111111111/us-east-1", ["prod-us-east-1/api", "dev/api", "dev/web"]],
      ["111111111111/us-west-2", ["prod-us-west-2/api"]],
    ]);
  });

  test("one assessment per account and Region, by registry key, labelled with the registry host", () => {
    const assessments = assessAccountRegions(quotasPerRegion(config), drafts);
    expect(assessments.map((a) => [a.label, a.registryStackName, a.services.length])).toEqual([
      ["111111111111.dkr.ecr.us-east-1.amazonaws.com (every environment's services rolling at once)", "registry-111111111111-us-east-1", 3],
      ["111111111111.dkr.ecr.us-west-2.amazonaws.com (every environment's services rolling at once)", "registry-111111111111-us-west-2", 1],
    ]);
  });

  test("no environments, no assessments", () => {
    const none: EnvironmentDraft[] = [];
    expect(assessAccountRegions(quotasPerRegion(config), none)).toEqual([]);
  });
});
