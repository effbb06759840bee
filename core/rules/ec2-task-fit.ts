import { ECS_RESERVED_MEMORY_MIB, MEMORY_HEADROOM_PERCENT, instanceSize, taskFit, type InstanceSize, type TaskFit } from "../../facts/ec2-instance-types";
import type { EnvironmentPlan, ServicePlan } from "../model/plan-types";
import * as catalogue from "./catalogue";
import type { Rule, RuleContext, RuleViolation } from "./rule";

/**
 * An EC2 task larger than every instance of the capacity never starts: ECS places it nowhere and
 * the service waits (docs/services.md). In a mixed instances group a task that misses only some
 * types still runs on the others, but the group may launch instances it cannot use: a warning.
 * Each rule reads the environment's EC2 capacity plan (its instance types) and its EC2 services.
 */

interface InstanceTypeAt {
  readonly type: string;
  readonly path: string;
}

/** The group's instance types with the config path of each (the main one where it was set, the additional ones by index). */
function instanceTypes(env: EnvironmentPlan): InstanceTypeAt[] {
  const capacity = env.ec2Capacity;
  if (capacity === undefined) return [];
  return [
    { type: capacity.instanceType, path: capacity.instanceTypePath },
    ...capacity.additionalInstanceTypes.map((type, i) => ({ type, path: `environments.${env.environment}.ec2Capacity.additionalInstanceTypes.${i}` })),
  ];
}

interface Misfit {
  readonly env: EnvironmentPlan;
  readonly service: ServicePlan;
  readonly type: string;
  readonly size: InstanceSize;
  readonly problem: TaskFit;
  /** No instance type of the group can take the task (an unknown type counts as one that might). */
  readonly fitsNone: boolean;
}

/** Every way an EC2 task misses one of its group's known instance types. */
function misfits(ctx: RuleContext): Misfit[] {
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

function overLimit(m: Misfit): RuleViolation {
  const { service, type, size, problem } = m;
  const field = problem.kind === "cpu-over" ? "cpu" : "memory";
  const what =
    problem.kind === "cpu-over"
      ? `is ${service.cpu} CPU units, more than the ${problem.limit} one ${type} instance registers (${size.vcpus} vCPU x 1024)`
      : `is ${service.memory} MiB, more than the ${problem.limit} MiB one ${type} instance offers (${size.memoryMiB} MiB installed minus ECS_RESERVED_MEMORY ${ECS_RESERVED_MEMORY_MIB})`;
  const consequence = m.fitsNone ? "ECS can never place the task" : `the group can launch ${type} instances this task cannot use`;
  return { stack: m.env.stackName, path: `${service.configPath}.${field}`, message: `${what}: ${consequence}` };
}

/** An instance type pullguard's table does not know: task sizes are not checked against it. */
export const ec2SizeUnchecked: Rule = {
  definition: catalogue.ec2SizeUnchecked,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      instanceTypes(env)
        .filter(({ type }) => instanceSize(type) === undefined)
        .map(({ type, path }) => ({
          stack: env.stackName,
          path,
          message: `${type} is not in pullguard's instance table (facts/ec2-instance-types.ts): task cpu and memory are not checked against it`,
        })),
    ),
};

/** Task memory within the headroom of an instance's installed memory: the agent registers less than installed. */
export const ec2MemoryHeadroom: Rule = {
  definition: catalogue.ec2MemoryHeadroom,
  check: (ctx) =>
    misfits(ctx).flatMap(({ env, service, type, problem }) =>
      problem.kind === "memory-tight"
        ? [
            {
              stack: env.stackName,
              path: `${service.configPath}.memory`,
              message: `is ${service.memory} MiB, within ${MEMORY_HEADROOM_PERCENT}% of the ${problem.available} MiB one ${type} instance has: the agent registers less than installed (kernel and platform overhead), so the task may never be placed; keep it at most ${problem.limit} MiB or pick a larger type`,
            },
          ]
        : [],
    ),
};

/** A task no instance type of the group can take: ECS never places it. */
export const ec2TaskNeverFits: Rule = {
  definition: catalogue.ec2TaskNeverFits,
  check: (ctx) => misfits(ctx).filter((m) => m.problem.kind !== "memory-tight" && m.fitsNone).map(overLimit),
};

/** A task some instance types of a mixed group cannot take: the group may launch instances it cannot use. */
export const ec2TaskFit: Rule = {
  definition: catalogue.ec2TaskFit,
  check: (ctx) => misfits(ctx).filter((m) => m.problem.kind !== "memory-tight" && !m.fitsNone).map(overLimit),
};
