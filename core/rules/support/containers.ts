/** Walks over every container of every service, for the rules that judge one container at a time. */
import type { ContainerPlan, EnvironmentPlan, ServicePlan } from "../../model/plan-types";
import type { RuleContext, RuleViolation } from "../rule";

export type Judge = (container: ContainerPlan, service: ServicePlan, env: EnvironmentPlan) => RuleViolation | undefined;

export function eachContainer({ plan }: RuleContext, judge: Judge): RuleViolation[] {
  return plan.environments.flatMap((env) => env.services.flatMap((service) => service.containers.flatMap((container) => judge(container, service, env) ?? [])));
}
