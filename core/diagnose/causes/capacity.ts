import type { CauseRule } from "../types";

/**
 * Capacity. Shapes:
 * - "(service X) was unable to place a task because no container instance met all of its
 *   requirements. The closest matching (container-instance ...) has insufficient CPU units
 *   available." (ECS service event messages, AWS ECS developer guide; also quoted in "Stopping ECR
 *   Image Pull Throttling From Killing Your ECS Deployments")
 * - "Capacity is unavailable at this time" (Fargate; github.com/dagster-io/dagster/issues/33439).
 */
export const capacityRules: readonly CauseRule[] = [
  {
    id: "capacity-no-instance",
    family: "capacity",
    title: "No container instance met the task's requirements",
    when: [/no container instance met all of its requirements/i],
  },
  {
    id: "capacity-unavailable",
    family: "capacity",
    title: "Fargate capacity unavailable",
    when: [/Capacity is unavailable at this time/i],
  },
];
