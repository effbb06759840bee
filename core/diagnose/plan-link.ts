/**
 * The one place diagnose touches the planner: it turns a PlatformPlan into the few facts a fix
 * needs (rollout numbers, images and their routes, what the execution role allows, endpoints,
 * cache rules). The rest of core/diagnose reads only ServiceLink, so the planner can be
 * restructured by changing this file alone.
 */
import { isAllowed } from "../iam/evaluation";
import type { PlatformPlan } from "../model/plan-types";
import { DEFAULT_LAYERS_PER_IMAGE } from "../budget";

export interface LinkedImage {
  readonly written: string;
  readonly repositoryUri: string;
  readonly tag?: string;
  readonly digest?: string;
  readonly route: "own-registry" | "replicated" | "pull-through-cache" | "direct";
  /** "ecr" costs ECR API calls; "docker-hub-direct" counts against Docker Hub's limits. */
  readonly source: "ecr" | "docker-hub-direct" | "other-direct";
  readonly layers: number;
  /** The ECR repository the execution role must be able to pull (absent for non-ECR direct pulls). */
  readonly repositoryArn?: string;
}

export interface LinkedCacheRule {
  readonly kind: string;
  readonly prefix: string;
  readonly configPath: string;
  readonly upstreamRegistryUrl: string;
  /** ecr-pullthroughcache/<prefix> when pullguard creates the secret. */
  readonly secretName?: string;
  readonly secretArn?: string;
}

export interface ServiceLink {
  readonly environment: string;
  readonly region: string;
  readonly clusterName: string;
  readonly accountAlias: string;
  /** The environment's account id (a repository in another account is governed by that account's policy). */
  readonly account?: string;
  /** The role ECR assumes to apply the creation templates' tags or KMS key, when the config needs one. */
  readonly templateRoleName?: string;
  /** environments.<env>.services.<name> */
  readonly configPath: string;
  readonly desiredCount: number;
  readonly launchType: "FARGATE" | "EC2";
  readonly rollout: {
    readonly minimumHealthyPercent: number;
    readonly maximumPercent: number;
    readonly concurrentStarts: number;
    readonly budget: number;
    /** deployment.minimumHealthyPercent/maximumPercent set by hand instead of computed. */
    readonly overridden: boolean;
    /** What the pull budget computes (equal to the above unless overridden). */
    readonly withinBudget: { readonly minimumHealthyPercent: number; readonly maximumPercent: number; readonly concurrentStarts: number };
  };
  readonly images: readonly LinkedImage[];
  readonly executionRoleName: string;
  /** Whether the execution role pullguard generates allows an action (on a resource, default "*"). */
  readonly allows: (action: string, resource?: string) => boolean;
  /** VPC endpoints the environment gets: "ecr.api", "ecr.dkr", "s3", "secretsmanager", ... */
  readonly endpoints: readonly string[];
  readonly cacheRules: readonly LinkedCacheRule[];
  readonly ec2Capacity?: { readonly maxSize: number; readonly desiredCapacity: number };
}

/** One environment in one Region: its cluster, and the cache prefixes of its registry. */
export interface LinkedLocation {
  readonly environment: string;
  readonly region: string;
  readonly clusterName: string;
  readonly cachePrefixes: readonly string[];
}

export interface PlanLink {
  /** Every location (environment and Region) running an ECS service of that name, optionally in one environment. */
  readonly services: (name: string, environment?: string) => readonly ServiceLink[];
  /** Every location of the config (to tell an environment from a cluster name, and cache paths from plain repositories). */
  readonly locations: readonly LinkedLocation[];
}

export function linkPlan(plan: PlatformPlan): PlanLink {
  const links: ServiceLink[] = [];
  const locations: LinkedLocation[] = [];
  for (const env of plan.environments) {
    const registry = plan.registries.find((r) => r.account === env.account && r.region === env.region);
    const cacheRules: LinkedCacheRule[] = (registry?.cacheRules ?? []).map((rule) => ({
      kind: rule.kind,
      prefix: rule.prefix,
      configPath: rule.configPath,
      upstreamRegistryUrl: rule.upstreamRegistryUrl,
      ...(rule.credential?.source === "create" ? { secretName: rule.credential.secretName } : {}),
      ...(rule.credential?.source === "existing" ? { secretArn: rule.credential.secretArn } : {}),
    }));
    const templateRoleName = registry?.templateSettings.customRoleName;
    locations.push({ environment: env.environment, region: env.region, clusterName: env.clusterName, cachePrefixes: cacheRules.map((r) => r.prefix) });
    for (const service of env.services) {
      const role = env.executionRoles.find((r) => r.name === service.executionRoleName);
      links.push({
        environment: env.environment,
        region: env.region,
        clusterName: env.clusterName,
        accountAlias: env.accountAlias,
        account: env.account,
        ...(templateRoleName !== undefined ? { templateRoleName } : {}),
        configPath: service.configPath,
        desiredCount: service.desiredCount,
        launchType: service.launchType,
        rollout: {
          minimumHealthyPercent: service.rollout.minimumHealthyPercent,
          maximumPercent: service.rollout.maximumPercent,
          concurrentStarts: service.rollout.concurrentStarts,
          budget: service.rollout.budget,
          overridden: service.rollout.overridden,
          withinBudget: {
            minimumHealthyPercent: service.rollout.widestPercentsWithinBudget.minimumHealthyPercent,
            maximumPercent: service.rollout.widestPercentsWithinBudget.maximumPercent,
            concurrentStarts: service.rollout.widestPercentsWithinBudget.concurrentStarts,
          },
        },
        images: service.containers.map((c) => ({
          written: c.image.written,
          repositoryUri: c.image.repositoryUri,
          ...(c.image.tag !== undefined ? { tag: c.image.tag } : {}),
          ...(c.image.digest !== undefined ? { digest: c.image.digest } : {}),
          route: c.image.route,
          source: c.image.pull.source,
          layers: c.image.pull.layers ?? DEFAULT_LAYERS_PER_IMAGE,
          ...(c.image.repositoryArn !== undefined ? { repositoryArn: c.image.repositoryArn } : {}),
        })),
        executionRoleName: service.executionRoleName,
        allows: (action, resource = "*") => (role ? isAllowed(role.policy, action, resource) : false),
        endpoints: env.endpoints.map((e) => e.service),
        cacheRules,
        ...(env.ec2Capacity ? { ec2Capacity: { maxSize: env.ec2Capacity.maxSize, desiredCapacity: env.ec2Capacity.desiredCapacity } } : {}),
      });
    }
  }
  return {
    locations,
    services: (name, environment) => links.filter((l) => l.configPath.endsWith(`.services.${name}`) && (environment === undefined || l.environment === environment)),
  };
}
