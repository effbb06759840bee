import type { CauseRule } from "../types";

/**
 * Fargate task launch limits (token bucket per account and Region: 100 burst, 20/s sustained).
 * Shapes:
 * - service event "(service X) operations are being throttled. Will try again later." (ECS service
 *   event messages, AWS ECS developer guide)
 * - service event "(service X) was unable to place a task. Reason: You've reached the limit on the
 *   number of tasks you can run concurrently" (github.com/aws/copilot-cli/issues/3064)
 * - CloudTrail RunTask/StartTask ThrottlingException "Rate exceeded" on ecs.amazonaws.com
 *   (github.com/cisagov/crossfeed/issues/247).
 */
export const fargateLaunchRules: readonly CauseRule[] = [
  {
    id: "fargate-task-quota",
    family: "fargate-launch",
    title: "Concurrent Fargate task quota reached",
    when: [/limit on the number of tasks you can run concurrently|reached the limit on the number of vCPUs/i],
  },
  {
    id: "fargate-launch-throttled",
    family: "fargate-launch",
    title: "Fargate task launches throttled",
    when: [/operations are being throttled|^(RunTask|StartTask|CreateService|UpdateService) (ThrottlingException|Throttling)|ecs\.amazonaws\.com\).*Rate exceeded/i],
  },
];
