import type { Rule } from "./rule";
import * as catalogue from "./catalogue";
import { serviceBursts } from "./support/start-bursts";

/** An auto scaling step is a burst outside any deployment: its worst step must fit the pull budget. */
export const scaleOutBurst: Rule = {
  definition: catalogue.scaleOutBurst,
  check: ({ plan }) =>
    serviceBursts(
      plan,
      (s) => s.production.starts.scaleOut,
      (s, b, over) => {
        const a = s.production.autoscaling!;
        const fix =
          a.policy.type === "step"
            ? `lower maxAdjustment to ${b.quotaBound}`
            : `target tracking can ask for max - min = ${b.tasks} tasks in one step; use a step policy with maxAdjustment ${b.quotaBound}, or lower max to ${a.min + b.quotaBound}`;
        return {
          path: `${s.configPath}.autoscaling.policy${a.policy.type === "step" ? ".maxAdjustment" : ""}`,
          text: `${s.name}: one scale-out step starts ${b.tasks} tasks at once: ${over}; ${fix}`,
        };
      },
    ),
};
