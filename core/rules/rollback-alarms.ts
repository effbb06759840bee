import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/** pullguard's alarm catches failed pulls; a green fleet that runs but misbehaves rolls back only on the team's own alarms. */
export const rollbackAlarms: Rule = {
  definition: catalogue.rollbackAlarms,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services
        .filter((s) => s.production.deployment.strategy !== "ROLLING" && !s.production.deployment.alarms?.rollback)
        .map((s) => ({
          stack: env.stackName,
          path: `${s.configPath}.deployment.alarms`,
          message: s.production.deployment.alarms
            ? `${s.name}: deployment.alarms.rollback is false, so its alarms and pullguard's pull-failure alarm ${s.production.deployment.pullFailureAlarm.alarmName} fail a ${s.production.deployment.strategy} deployment without rolling it back (ECS has one rollback flag per service); set rollback true`
            : `${s.name}: ${s.production.deployment.strategy} deployments roll back on pullguard's pull-failure alarm ${s.production.deployment.pullFailureAlarm.alarmName} only; name CloudWatch alarms on the service's traffic with rollback true so a green fleet that pulls but fails rolls back too`,
        })),
    ),
};
