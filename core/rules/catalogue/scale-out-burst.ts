import type { FindingDefinition } from "../../model/findings";

export const scaleOutBurst: FindingDefinition = {
  id: "PG-SCALE-OUT-BURST",
  level: "error",
  description: "The largest auto scaling step starts more tasks at once than maxQuotaShare of an ECR quota allows.",
  why: "A scale-out step is a burst of pulls outside any deployment and shares the same ECR quotas (docs/aws-facts.md, \"ECR API rate quotas and usage metrics\").",
  fix: "Lower maxAdjustment (step policy) or the scaling range, as the message says.",
  suppressible: true,
};
