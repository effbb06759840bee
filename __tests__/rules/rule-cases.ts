import { parseConfig } from "../../config/load";
import type { PlatformConfigInput } from "../../config/schema";
import type { Finding } from "../../core/model/findings";
import { planPlatform } from "../../core/plan";
import { findingById } from "../../core/rules/catalogue";
import type { Rule } from "../../core/rules/rule";

export type ServiceInput = NonNullable<PlatformConfigInput["environments"][string]["services"]>[string];
export type EnvironmentInput = PlatformConfigInput["environments"][string];

/** The account and VPC of every rule case: literal ids, so messages naming them are literal too. */
export const ACCOUNT = "111111111111";
export const OTHER_ACCOUNT = "222222222222";
export const VPC = { id: "vpc-0a1b2c3d", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-0a1b2c3d"], privateRouteTableIds: ["rtb-0a1b2c3d"] };
export const SECOND_VPC = { id: "vpc-0a1b2c3e", cidr: "10.1.0.0/16", privateSubnetIds: ["subnet-0a1b2c3e"], privateRouteTableIds: ["rtb-0a1b2c3e"] };
/** An image in the account's own ECR in us-east-1: no cache rule, no Docker Hub. */
export const OWN_IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.0`;

/**
 * The load balancer a BLUE_GREEN service of the rule cases runs behind: its target group, the
 * alternate one and the production listener rule, in the account's us-east-1.
 */
export const BLUE_GREEN_LOAD_BALANCER = {
  targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web/0123456789abcdef`,
  port: 8080,
  advanced: {
    alternateTargetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web-green/0123456789abcdef`,
    productionListenerRuleArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:listener-rule/app/web/0123456789abcdef/0123456789abcdef/0123456789abcdef`,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/ecs-infrastructure`,
  },
};

/** Account "main" caching Docker Hub and Quay; environment "prod" in us-east-1 with the given services. */
export function platform(services: Record<string, ServiceInput>, env: Partial<EnvironmentInput> = {}, top: Partial<PlatformConfigInput> = {}): PlatformConfigInput {
  return {
    accounts: { main: { id: ACCOUNT, registry: { pullThroughCache: { dockerHub: { credential: { source: "create" } }, quay: true } } } },
    environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services, ...env } },
    ...top,
  };
}

/**
 * Plans a config (which must be valid in shape) and returns the findings of one rule. Every finding
 * the case emits, of any rule, must be catalogued with its level: the rule tests' configs are part
 * of the check that no uncatalogued id is ever emitted.
 */
export function findingsOf(config: PlatformConfigInput, rule: Rule): Finding[] {
  const parsed = parseConfig(config);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  const plan = planPlatform(parsed.config);
  const uncatalogued = [...plan.findings, ...plan.suppressed].filter((f) => findingById(f.rule)?.level !== f.level);
  if (uncatalogued.length > 0) throw new Error(`uncatalogued findings: ${uncatalogued.map((f) => `${f.rule} ${f.level}`).join(", ")}`);
  return plan.findings.filter((f) => f.rule === rule.definition.id);
}

/**
 * Plans a config (valid in shape) and returns where the planner emitted one catalogued id, as
 * [level, path] pairs: for the findings planners emit while planning rather than pack rules. The
 * same check as findingsOf holds: every finding of the case must be catalogued with its level.
 */
export function emitted(config: PlatformConfigInput, id: string): Array<[string, string]> {
  const parsed = parseConfig(config);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  const plan = planPlatform(parsed.config);
  const all = [...plan.findings, ...plan.suppressed];
  const uncatalogued = all.filter((f) => findingById(f.rule)?.level !== f.level);
  if (uncatalogued.length > 0) throw new Error(`uncatalogued findings: ${uncatalogued.map((f) => `${f.rule} ${f.level}`).join(", ")}`);
  return all.filter((f) => f.rule === id).map((f) => [f.level, f.path]);
}
