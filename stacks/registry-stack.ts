import type { Construct } from "constructs";
import type { ITerraformDependable, TerraformResource } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { BackendPlan, Finding, ImportPlan, RegistryPlan } from "../core/model";
import { jsonDocument } from "../modules/json-document";
import { PullAlerts } from "../modules/pull-alerts";
import { PullThroughCacheRule } from "../modules/pull-through-cache-rule";
import { QuotaRequests } from "../modules/quota-requests";
import { RegistryPolicy } from "../modules/registry-policy";
import { RegistryScanning } from "../modules/registry-scanning";
import { Replication } from "../modules/replication";
import { RepositoryCreationTemplates } from "../modules/repository-creation-templates";
import { PullguardStack } from "./pullguard-stack";
import type { OutputStamp } from "../core/report";
import { prefixConstructId } from "../core/locations";

/**
 * Registry-scoped singletons of one (account, Region): ECR allows one replication configuration,
 * one registry policy and one scanning configuration per registry, so exactly one stack owns them
 * however many environments share the registry. Singletons the config says exist are imported.
 */
export class RegistryStack extends PullguardStack {
  constructor(scope: Construct, plan: RegistryPlan, backend: BackendPlan, project: string, warnings: readonly Finding[], stamp?: OutputStamp) {
    super(scope, plan.stackName, {
      account: plan.account,
      region: plan.region,
      access: plan.access,
      backend,
      project,
      environment: "shared",
      tags: plan.tags,
      warnings,
      ...(stamp !== undefined ? { stamp } : {}),
    });
    const importable = new Map<string, TerraformResource>();
    let upstreamRole: ITerraformDependable[] | undefined;
    if (plan.upstreamRole) {
      const role = new IamRole(this, "ecr-upstream-role", {
        name: plan.upstreamRole.name,
        description: "Role ECR assumes to read this team's registries in other accounts (ECR-to-ECR pull-through cache)",
        assumeRolePolicy: jsonDocument(plan.upstreamRole.trustPolicy),
      });
      const policy = new IamRolePolicy(this, "ecr-upstream-policy", { name: "read-upstream-registries", role: role.name, policy: jsonDocument(plan.upstreamRole.policy) });
      upstreamRole = [role, policy];
    }
    for (const rule of plan.cacheRules) {
      const usesRole = upstreamRole && rule.customRoleArn === plan.upstreamRole?.arn;
      const cache = new PullThroughCacheRule(this, `cache-${prefixConstructId(rule.prefix)}`, { rule, region: plan.region, ...(usesRole ? { dependsOn: upstreamRole } : {}) });
      importable.set(`cache-rule:${rule.prefix}`, cache.rule);
      if (cache.secret) importable.set(`credential-secret:${rule.prefix}`, cache.secret);
    }
    if (plan.templates.length > 0) {
      new RepositoryCreationTemplates(this, "creation-templates", { templates: plan.templates, settings: plan.templateSettings });
    }
    if (plan.replicationRules.length > 0) importable.set("replication", new Replication(this, "replication", { rules: plan.replicationRules }).configuration);
    if (plan.registryPolicy) importable.set("registry-policy", new RegistryPolicy(this, "registry-policy", { document: plan.registryPolicy }).policy);
    if (plan.scanning) importable.set("scanning", new RegistryScanning(this, "scanning", plan.scanning).configuration);
    if (plan.alertTopicArn) {
      new PullAlerts(this, "pull-alerts", {
        ...(plan.alertTopicName && plan.alertTopicPolicy ? { topic: { name: plan.alertTopicName, policy: plan.alertTopicPolicy } } : {}),
        topicArn: plan.alertTopicArn,
        alarms: plan.usageAlarms,
      });
    }
    if (plan.quotaRequests.length > 0) new QuotaRequests(this, "quota-requests", { requests: plan.quotaRequests });
    this.addImports(plan.imports, importable);
  }

  /**
   * Terraform `import` blocks, written directly: cdktf's importFrom emits the same block but also
   * runs `terraform version` during synth, and synth must not depend on a binary being installed.
   */
  private addImports(imports: readonly ImportPlan[], importable: ReadonlyMap<string, TerraformResource>): void {
    const blocks = imports.flatMap((i) => {
      const resource = importable.get(i.prefix !== undefined ? `${i.target}:${i.prefix}` : i.target);
      return resource ? [{ to: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`, id: i.id }] : [];
    });
    if (blocks.length > 0) this.addOverride("import", blocks);
  }
}
