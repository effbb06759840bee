import type { EnvironmentPlan, ServicePlan } from "../model/plan-types";
import { joinMarkdown, markdownCode, md, type Markdown } from "../markdown";

/**
 * The report's view of how each service's deployment stops and rolls back: the alarms ECS watches
 * (pullguard's pull-failure alarm first) and the circuit breaker with the threshold ECS applies.
 * Pure.
 */

export function rollbackJson(s: ServicePlan) {
  const d = s.production.deployment;
  return {
    rollbackAlarms: { names: [...d.rollbackAlarms.names], rollback: d.rollbackAlarms.rollback },
    pullFailureAlarm: {
      alarm: d.pullFailureAlarm.alarmName,
      rule: d.pullFailureAlarm.ruleName,
      threshold: `>= ${d.pullFailureAlarm.threshold} in ${d.pullFailureAlarm.periodSeconds} s`,
    },
    circuitBreaker: {
      enabled: d.circuitBreaker.enabled,
      threshold: d.circuitBreaker.threshold,
      failedTasks: d.circuitBreaker.failures,
      resetOnHealthyTask: d.circuitBreaker.resetOnHealthyTask,
      // false: ECS applies these defaults; the pinned provider cannot set them (docs/aws-facts.md, "ECS").
      setByPullguard: d.circuitBreaker.emitted,
    },
  };
}

function circuitBreakerCell(s: ServicePlan): Markdown {
  const c = s.production.deployment.circuitBreaker;
  if (!c.enabled) return md`off (${s.production.deployment.strategy})`;
  const reset = c.resetOnHealthyTask ? "a healthy task resets the count" : "failures add up";
  return md`${c.threshold.type} ${c.threshold.value}: ${c.failures} failed tasks, ${reset}${c.emitted ? md`` : md` (ECS default)`}`;
}

/** One table per environment: what stops each service's deployment and whether it rolls back. */
export function rollbackMarkdown(env: EnvironmentPlan): Markdown[] {
  if (env.services.length === 0) return [];
  const lines = [md`| service | rollback alarms | circuit breaker |`, md`|---|---|---|`];
  for (const s of env.services) {
    const alarms = s.production.deployment.rollbackAlarms;
    const names = joinMarkdown(
      alarms.names.map((name) => markdownCode(name)),
      ", ",
    );
    lines.push(md`| ${s.name} | ${names}${alarms.rollback ? md`` : md` (fail without rollback)`} | ${circuitBreakerCell(s)} |`);
  }
  return lines;
}
