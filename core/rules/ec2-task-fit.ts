import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { misfits, overLimit } from "./support/instance-fit";

/**
 * An EC2 task larger than every instance of the capacity never starts: ECS places it nowhere and
 * the service waits (docs/services.md). In a mixed instances group a task that misses only some
 * types still runs on the others, but the group may launch instances it cannot use: a warning.
 * Each rule reads the environment's EC2 capacity plan (its instance types) and its EC2 services.
 */

/** A task some instance types of a mixed group cannot take: the group may launch instances it cannot use. */
export const ec2TaskFit: Rule = {
  definition: catalogue.ec2TaskFit,
  check: (ctx) => misfits(ctx).filter((m) => m.problem.kind !== "memory-tight" && !m.fitsNone).map(overLimit),
};
