import type { FindingDefinition } from "../../model/findings";

export const preferCached: FindingDefinition = {
  id: "PG-PREFER-CACHED",
  level: "warning",
  description: "ec2Capacity.imagePullBehavior is prefer-cached.",
  why: "prefer-cached disables the ECS agent's automated image cleanup, so instance disks fill over time (docs/aws-facts.md, \"ECS\").",
  fix: "Use once, which caches per instance and keeps cleanup.",
  suppressible: true,
};
