import { MEMORY_HEADROOM_PERCENT } from "../../facts/ec2-instance-types";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { misfits } from "./support/instance-fit";

/**
 * An EC2 task larger than every instance of the capacity never starts: ECS places it nowhere and
 * the service waits (docs/services.md). In a mixed instances group a task that misses only some
 * types still runs on the others, but the group may launch instances it cannot use: a warning.
 * Each rule reads the environment's EC2 capacity plan (its instance types) and its EC2 services.
 */

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
