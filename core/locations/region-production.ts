import type { EnvironmentConfig, ServiceConfig } from "../../config/schema";
import type { FindingLog } from "../model/findings";
import type { RegionBoundArn } from "../model/plan-types";
import * as catalogue from "../rules/catalogue";

/**
 * A service's Region-bound production settings in one Region: target groups, listener rules, the
 * ALB of request-count scaling, deployment alarms and lifecycle hook functions are Regional (aws-facts.md), so
 * `regions.<region>.services.<name>` sets them at the same relative path as the service does, and
 * the service's values are the defaults. The merged service is what the planner reads.
 */

type RegionServiceOverride = EnvironmentConfig["regions"][string]["services"][string];
type ProductionInRegion = Pick<ServiceConfig, "loadBalancers" | "deployment" | "autoscaling">;

/** Where the stack runs: its Region picks the overrides; its name goes on the findings raised while merging. */
export interface StackWhere {
  readonly account: string;
  readonly region: string;
  readonly stack: string;
}

/** Config paths of one service: at the environment level and under this Region. */
export interface ServicePaths {
  readonly service: string;
  readonly region: string;
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

/**
 * Every load-balancing ARN of the merged service (target groups, listener rules, the ALB of
 * request-count scaling) and every lifecycle hook function, with the path it came from: the
 * Region's override, or the service's value with the per-Region path to set instead.
 * PG-TARGET-GROUP-LOCATION and PG-LIFECYCLE-HOOK-REGION judge them on the plan.
 */
export function loadBalancingAndHookArns(service: ServiceConfig, override: RegionServiceOverride | undefined, paths: ServicePaths): RegionBoundArn[] {
  const arns: RegionBoundArn[] = [];
  const add = (kind: RegionBoundArn["kind"], arn: string | undefined, relative: string, fromRegion: boolean) => {
    if (arn === undefined) return;
    arns.push(fromRegion ? { kind, arn, path: `${paths.region}.${relative}` } : { kind, arn, path: `${paths.service}.${relative}`, setInstead: `${paths.region}.${relative}` });
  };
  const regional = override?.loadBalancers?.length === service.loadBalancers.length ? override.loadBalancers : undefined;
  service.loadBalancers.forEach((lb, i) => {
    const r = regional?.[i];
    const at = `loadBalancers[${i}]`;
    add("target-group", lb.targetGroupArn, `${at}.targetGroupArn`, r !== undefined);
    if (!lb.advanced) return;
    add("target-group", lb.advanced.alternateTargetGroupArn, `${at}.advanced.alternateTargetGroupArn`, r?.advanced?.alternateTargetGroupArn !== undefined);
    add("listener-rule", lb.advanced.productionListenerRuleArn, `${at}.advanced.productionListenerRuleArn`, r?.advanced?.productionListenerRuleArn !== undefined);
    add("listener-rule", lb.advanced.testListenerRuleArn, `${at}.advanced.testListenerRuleArn`, r?.advanced?.testListenerRuleArn !== undefined);
  });
  const policy = service.autoscaling?.policy;
  if (policy?.type === "target-tracking") add("load-balancer", policy.loadBalancerArn, "autoscaling.policy.loadBalancerArn", override?.autoscaling !== undefined);
  // The Region's hooks replace the service's list whole, so the path to set instead is the list's.
  const hooksFromRegion = override?.deployment?.lifecycleHooks !== undefined;
  service.deployment.lifecycleHooks.forEach((hook, i) => {
    const relative = `deployment.lifecycleHooks[${i}].targetArn`;
    arns.push(
      hooksFromRegion
        ? { kind: "lifecycle-hook", arn: hook.targetArn, path: `${paths.region}.${relative}` }
        : { kind: "lifecycle-hook", arn: hook.targetArn, path: `${paths.service}.${relative}`, setInstead: `${paths.region}.deployment.lifecycleHooks` },
    );
  });
  return arns;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
