import { duplicateNames, type NameClaim } from "../locations/naming";
import * as catalogue from "./catalogue";
import type { Rule, RuleContext } from "./rule";

/** Every name the plan gives a resource AWS keys per account, Region or VPC, with the config path that causes it. */
function nameClaims({ plan }: RuleContext): NameClaim[] {
  const claims: NameClaim[] = [];
  for (const env of plan.environments) {
    const iam = `IAM roles of account ${env.account}`;
    const regional = (kind: string) => `${kind} in ${env.account}/${env.region}`;
    const vpc = `security groups of ${env.vpc.id}`;
    const envPath = `environments.${env.environment}`;
    claims.push({ scope: regional("ECS clusters"), name: env.clusterName, path: envPath });
    claims.push({ scope: vpc, name: env.endpointSecurityGroupName, path: `${envPath}.endpoints` });
    if (env.pullFailureEvents) claims.push({ scope: regional("EventBridge rules"), name: env.pullFailureRuleName, path: envPath });
    for (const role of env.executionRoles) claims.push({ scope: iam, name: role.name, path: role.services.length === 1 ? `${envPath}.services.${role.services[0]}` : envPath });
    for (const service of env.services) {
      if (service.production.taskRole?.mode === "create") claims.push({ scope: iam, name: service.production.taskRole.name, path: `${service.configPath}.taskRole` });
      claims.push({ scope: regional("task definition families"), name: service.taskFamily, path: service.configPath });
      claims.push({ scope: regional("log groups"), name: service.logGroupName, path: service.configPath });
      claims.push({ scope: vpc, name: service.securityGroupName, path: service.configPath });
      claims.push({ scope: regional("EventBridge rules"), name: service.production.deployment.pullFailureAlarm.ruleName, path: service.configPath });
      claims.push({ scope: regional("CloudWatch alarms"), name: service.production.deployment.pullFailureAlarm.alarmName, path: service.configPath });
    }
    const capacity = env.ec2Capacity;
    if (capacity) {
      const path = `${envPath}.ec2Capacity`;
      claims.push({ scope: iam, name: capacity.instanceRole.name, path });
      claims.push({ scope: regional("capacity providers"), name: capacity.name, path });
      claims.push({ scope: regional("launch templates"), name: capacity.launchTemplateName, path });
      claims.push({ scope: regional("auto scaling groups"), name: capacity.autoScalingGroupName, path });
      claims.push({ scope: vpc, name: capacity.securityGroupName, path });
    }
  }
  for (const registry of plan.registries) {
    const path = `accounts.${registry.accountAlias}.registry`;
    if (registry.templateSettings.customRoleName) claims.push({ scope: `IAM roles of account ${registry.account}`, name: registry.templateSettings.customRoleName, path });
  }
  return claims;
}

/**
 * Every name AWS keys per account or Region must be unique in its scope. core/locations/naming.ts builds
 * names that cannot collide, short of a shortening hash collision; this rule makes that a config
 * error instead of an apply failure, whatever naming becomes.
 */
export const nameClash: Rule = {
  definition: catalogue.nameClash,
  check: (ctx) => duplicateNames(nameClaims(ctx)),
};
