/** How an EC2 task misses its capacity's instance types, for the instance fit rules. */
import { ECS_RESERVED_MEMORY_MIB, instanceSize, taskFit, type InstanceSize, type TaskFit } from "../../../facts/ec2-instance-types";
import type { EnvironmentPlan, ServicePlan } from "../../model/plan-types";
import type { RuleContext, RuleViolation } from "../rule";

export interface InstanceTypeAt {
  readonly type: string;
  readonly path: string;
}

/** The group's instance types with the config path of each (the main one where it was set, the additional ones by index). */
export function instanceTypes(env: EnvironmentPlan): InstanceTypeAt[] {
  const capacity = env.ec2Capacity;
  if (capacity === undefined) return [];
  return [
    { type: capacity.instanceType, path: capacity.instanceTypePath },
    ...capacity.additionalInstanceTypes.map((type, i) => ({ type, path: `environments.${env.environment}.ec2Capacity.additionalInstanceTypes.${i}` })),
  ];
}

export interface Misfit {
  readonly env: EnvironmentPlan;
  readonly service: ServicePlan;
  readonly type: string;
  readonly size: InstanceSize;
  readonly problem: TaskFit;
  /** No instance type of the group can take the task (an unknown type counts as one that might). */
  readonly fitsNone: boolean;
}

/** Every way an EC2 task misses one of its group's known instance types. */
export function misfits(ctx: RuleContext): Misfit[] {
  return ctx.plan.environments.flatMap((env) => {
    const types = instanceTypes(env);
    const known = types.flatMap(({ type }) => {
      const size = instanceSize(type);
      return size ? [{ type, size }] : [];
    });
    return env.services
      .filter((s) => s.launchType === "EC2")
      .flatMap((service) => {
        const fits = known.map(({ type, size }) => ({ type, size, problems: taskFit(service.cpu, service.memory, size) }));
        const fitsNone = fits.length === types.length && fits.every((f) => f.problems.some((p) => p.kind !== "memory-tight"));
        return fits.flatMap(({ type, size, problems }) => problems.map((problem) => ({ env, service, type, size, problem, fitsNone })));
      });
  });
}

export function overLimit(m: Misfit): RuleViolation {
  const { service, type, size, problem } = m;
  const field = problem.kind === "cpu-over" ? "cpu" : "memory";
  const what =
    problem.kind === "cpu-over"
      ? `is ${service.cpu} CPU units, more than the ${problem.limit} one ${type} instance registers (${size.vcpus} vCPU x 1024)`
      : `is ${service.memory} MiB, more than the ${problem.limit} MiB one ${type} instance offers (${size.memoryMiB} MiB installed minus ECS_RESERVED_MEMORY ${ECS_RESERVED_MEMORY_MIB})`;
  const consequence = m.fitsNone ? "ECS can never place the task" : `the group can launch ${type} instances this task cannot use`;
  return { stack: m.env.stackName, path: `${service.configPath}.${field}`, message: `${what}: ${consequence}` };
}
