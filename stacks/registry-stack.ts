import type { Construct } from "constructs";
import type { BackendPlan, Finding, RegistryPlan } from "../core/plan-types";
import { PullAlerts } from "../modules/pull-alerts";
import { PullThroughCacheRule } from "../modules/pull-through-cache-rule";
import { QuotaRequests } from "../modules/quota-requests";
import { RegistryPolicy } from "../modules/registry-policy";
import { RegistryScanning } from "../modules/registry-scanning";
import { Replication } from "../modules/replication";
import { RepositoryCreationTemplates } from "../modules/repository-creation-templates";
import { PullguardStack } from "./pullguard-stack";
import { prefixConstructId } from "../core/naming";

/**
 * Registry-scoped singletons of one (account, Region): ECR allows one replication configuration,
 * one registry policy and one scanning configuration per registry, so exactly one stack owns them
 * however many environments share the registry.
 */
export class RegistryStack extends PullguardStack {
  constructor(scope: Construct, plan: RegistryPlan, backend: BackendPlan, project: string, warnings: readonly Finding[]) {
    super(scope, plan.stackName, {
      account: plan.account,
      region: plan.region,
      backend,
      project,
      environment: "shared",
      tags: plan.tags,
      warnings,
    });
    for (const rule of plan.cacheRules) {
      new PullThroughCacheRule(this, `cache-${prefixConstructId(rule.prefix)}`, { rule, region: plan.region });
    }
    if (plan.templates.length > 0) {
      new RepositoryCreationTemplates(this, "creation-templates", { account: plan.account, region: plan.region, templates: plan.templates, settings: plan.templateSettings });
    }
    if (plan.replicationRules.length > 0) new Replication(this, "replication", { rules: plan.replicationRules });
    if (plan.replicationSourceAccounts.length > 0) {
      new RegistryPolicy(this, "registry-policy", { account: plan.account, region: plan.region, replicationSourceAccounts: plan.replicationSourceAccounts });
    }
    if (plan.scanning) new RegistryScanning(this, "scanning", plan.scanning);
    if (plan.alertTopicArn) {
      new PullAlerts(this, "pull-alerts", {
        account: plan.account,
        region: plan.region,
        ...(plan.alertTopicName ? { topicName: plan.alertTopicName } : {}),
        topicArn: plan.alertTopicArn,
        alarms: plan.usageAlarms,
      });
    }
    if (plan.quotaRequests.length > 0) new QuotaRequests(this, "quota-requests", { requests: plan.quotaRequests });
  }
}
