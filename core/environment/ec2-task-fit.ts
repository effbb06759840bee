import type { LocationContext } from "../model/location-context";
import { ECS_RESERVED_MEMORY_MIB, MEMORY_HEADROOM_PERCENT, instanceSize, taskFit, type InstanceSize } from "../../facts/ec2-instance-types";
import type { ServicePlan } from "../model/plan-types";
import * as catalogue from "../rules/catalogue";

/**
 * An EC2 task larger than every instance of the capacity never starts: ECS places it nowhere and
 * the service waits (docs/services.md). In a mixed instances group a task that misses only some
 * types still runs on the others, but the group may launch instances it cannot use: a warning.
 */
export function checkTasksFitInstances(ec2Services: readonly ServicePlan[], ctx: LocationContext): void {
  const capacity = ctx.env.ec2Capacity;
  const typePaths: Array<[string, string]> = [
    [capacity.instanceType, ctx.instanceTypePath],
    ...capacity.additionalInstanceTypes.map((type, i): [string, string] => [type, `environments.${ctx.environment}.ec2Capacity.additionalInstanceTypes.${i}`]),
  ];
  const known: Array<[string, InstanceSize]> = [];
  for (const [type, typePath] of typePaths) {
    const size = instanceSize(type);
    if (size) known.push([type, size]);
    else ctx.log.report(catalogue.ec2SizeUnchecked, typePath, `${type} is not in pullguard's instance table (facts/ec2-instance-types.ts): task cpu and memory are not checked against it`, ctx.stackName);
  }
  for (const service of ec2Services) {
    const fits = known.map(([type, size]) => ({ type, size, problems: taskFit(service.cpu, service.memory, size) }));
    const fitsNone = fits.length === typePaths.length && fits.every((f) => f.problems.some((p) => p.kind !== "memory-tight"));
    for (const { type, size, problems } of fits) {
      for (const fit of problems) {
        if (fit.kind === "memory-tight") {
          ctx.log.report(
            catalogue.ec2MemoryHeadroom,
            `${service.configPath}.memory`,
            `is ${service.memory} MiB, within ${MEMORY_HEADROOM_PERCENT}% of the ${fit.available} MiB one ${type} instance has: the agent registers less than installed (kernel and platform overhead), so the task may never be placed; keep it at most ${fit.limit} MiB or pick a larger type`,
            ctx.stackName,
          );
          continue;
        }
        const field = fit.kind === "cpu-over" ? "cpu" : "memory";
        const what =
          fit.kind === "cpu-over"
            ? `is ${service.cpu} CPU units, more than the ${fit.limit} one ${type} instance registers (${size.vcpus} vCPU x 1024)`
            : `is ${service.memory} MiB, more than the ${fit.limit} MiB one ${type} instance offers (${size.memoryMiB} MiB installed minus ECS_RESERVED_MEMORY ${ECS_RESERVED_MEMORY_MIB})`;
        if (fitsNone) ctx.log.report(catalogue.ec2TaskNeverFits, `${service.configPath}.${field}`, `${what}: ECS can never place the task`, ctx.stackName);
        else ctx.log.report(catalogue.ec2TaskFit, `${service.configPath}.${field}`, `${what}: the group can launch ${type} instances this task cannot use`, ctx.stackName);
      }
    }
  }
}
