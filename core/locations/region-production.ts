import { parseArn } from "../../facts/arn";
import type { EnvironmentConfig, ServiceConfig } from "../../config/schema";
import type { FindingLog } from "../model/findings";
import * as catalogue from "../rules/catalogue";

/**
 * A service's Region-bound production settings in one Region: target groups, listener rules, the
 * ALB of request-count scaling, deployment alarms and lifecycle hook functions are Regional (aws-facts.md), so
 * `regions.<region>.services.<name>` sets them at the same relative path as the service does, and
 * the service's values are the defaults. The merged service is what the planner reads.
 */

type RegionServiceOverride = EnvironmentConfig["regions"][string]["services"][string];
type ProductionInRegion = Pick<ServiceConfig, "loadBalancers" | "deployment" | "autoscaling">;

/** Where the stack runs, for the location checks. */
export interface StackWhere {
  readonly account: string;
  readonly region: string;
  readonly stack: string;
}

/** Config paths of one service: at the environment level and under this Region. */
export interface ServicePaths {
  readonly service: string;
  readonly region: string;
  /** The environment runs in more than one Region: a service's value from another Region is then meant for that one. */
  readonly multiRegion?: boolean;
}

export function productionInRegion(service: ServiceConfig, override: RegionServiceOverride, paths: ServicePaths, stack: string, log: FindingLog): ProductionInRegion {
  let loadBalancers = service.loadBalancers;
  const regional = override.loadBalancers;
  if (regional !== undefined && regional.length !== service.loadBalancers.length) {
    const count = (n: number) => `${n} load balancer${n === 1 ? "" : "s"}`;
    log.report(catalogue.regionOverrideUnknown, `${paths.region}.loadBalancers`, `lists ${count(regional.length)}, but ${paths.service}.loadBalancers lists ${count(service.loadBalancers.length)}; entry i gives this Region's ARNs of the service's entry i`, stack);
  } else if (regional !== undefined) {
    loadBalancers = service.loadBalancers.map((lb, i) => {
      const r = regional[i]!;
      if (r.advanced && !lb.advanced) {
        log.report(catalogue.regionOverrideUnknown, `${paths.region}.loadBalancers[${i}].advanced`, `has nothing to override: ${paths.service}.loadBalancers[${i}] has no advanced configuration; declare it there first`, stack);
      }
      const advanced = lb.advanced && { ...lb.advanced, ...definedOnly(r.advanced ?? {}) };
      return { ...lb, targetGroupArn: r.targetGroupArn, ...(advanced ? { advanced } : {}) };
    });
  }

  const alarms = override.deployment?.alarms;
  const hooks = override.deployment?.lifecycleHooks;
  const deployment = {
    ...service.deployment,
    ...(alarms ? { alarms: { names: alarms.names, rollback: service.deployment.alarms?.rollback ?? true } } : {}),
    ...(hooks ? { lifecycleHooks: hooks } : {}),
  };

  let autoscaling = service.autoscaling;
  const regionalAlb = override.autoscaling?.policy.loadBalancerArn;
  if (regionalAlb !== undefined) {
    const policy = autoscaling?.policy;
    if (autoscaling && policy?.type === "target-tracking" && policy.metric === "alb-requests") {
      autoscaling = { ...autoscaling, policy: { ...policy, loadBalancerArn: regionalAlb } };
    } else {
      log.report(catalogue.regionOverrideUnknown, `${paths.region}.autoscaling.policy.loadBalancerArn`, `has nothing to override: ${paths.service}.autoscaling does not track alb-requests`, stack);
    }
  }
  return { loadBalancers, deployment, ...(autoscaling ? { autoscaling } : {}) };
}

/** Why each kind of load-balancing ARN must be in the service's own account and Region. */
const WHY = {
  targetGroup: "ECS registers tasks only in a target group of its own account and Region",
  listenerRule: "ECS shifts traffic only on listener rules of its own account and Region",
  loadBalancer: "request-count scaling follows a load balancer of the service's own account and Region",
} as const;

/**
 * Every load-balancing ARN of the merged service against the stack's account and Region, reported
 * at the path it came from: the Region's override, or the service's value with the per-Region path
 * to set instead. A target group in us-east-1 cannot serve us-west-2, so a load-balanced service of
 * a two-Region environment without this Region's values is refused here.
 */
export function checkLoadBalancerLocations(service: ServiceConfig, override: RegionServiceOverride | undefined, paths: ServicePaths, where: StackWhere, log: FindingLog): void {
  const check = (arn: string | undefined, why: string, relative: string, fromRegion: boolean) => {
    const at = arn === undefined ? undefined : parseArn(arn);
    if (!at || (at.region === where.region && at.account === where.account)) return;
    const hint = !fromRegion && paths.multiRegion && at.region !== where.region ? `; set this Region's value under ${paths.region}.${relative}` : "";
    log.report(catalogue.targetGroupLocation, `${fromRegion ? paths.region : paths.service}.${relative}`, `is in ${at.account}/${at.region}, but ${where.stack} runs in ${where.account}/${where.region}: ${why}${hint}`, where.stack);
  };
  const regional = override?.loadBalancers?.length === service.loadBalancers.length ? override.loadBalancers : undefined;
  service.loadBalancers.forEach((lb, i) => {
    const r = regional?.[i];
    const at = `loadBalancers[${i}]`;
    check(lb.targetGroupArn, WHY.targetGroup, `${at}.targetGroupArn`, r !== undefined);
    if (!lb.advanced) return;
    check(lb.advanced.alternateTargetGroupArn, WHY.targetGroup, `${at}.advanced.alternateTargetGroupArn`, r?.advanced?.alternateTargetGroupArn !== undefined);
    check(lb.advanced.productionListenerRuleArn, WHY.listenerRule, `${at}.advanced.productionListenerRuleArn`, r?.advanced?.productionListenerRuleArn !== undefined);
    check(lb.advanced.testListenerRuleArn, WHY.listenerRule, `${at}.advanced.testListenerRuleArn`, r?.advanced?.testListenerRuleArn !== undefined);
  });
  const policy = service.autoscaling?.policy;
  if (policy?.type === "target-tracking") check(policy.loadBalancerArn, WHY.loadBalancer, "autoscaling.policy.loadBalancerArn", override?.autoscaling !== undefined);
  // A Lambda function is Regional too, but AWS does not say ECS cannot invoke one elsewhere: a warning.
  const hooksFromRegion = override?.deployment?.lifecycleHooks !== undefined;
  service.deployment.lifecycleHooks.forEach((hook, i) => {
    const at = parseArn(hook.targetArn);
    if (!at || at.region === where.region) return;
    const relative = `deployment.lifecycleHooks[${i}].targetArn`;
    const hint = !hooksFromRegion && paths.multiRegion ? `; set this Region's hooks under ${paths.region}.deployment.lifecycleHooks` : "";
    log.report(catalogue.lifecycleHookRegion, `${hooksFromRegion ? paths.region : paths.service}.${relative}`, `is a Lambda function in ${at.region}, but ${where.stack} runs in ${where.region}${hint}`, where.stack);
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
