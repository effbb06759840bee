import type { FindingDefinition } from "../../model/findings";

export const ec2CapacitySize: FindingDefinition = {
  id: "PG-EC2-CAPACITY-SIZE",
  level: "error",
  description: "ec2Capacity sizes are inconsistent after merging the environment's settings.",
  why: "An Auto Scaling group needs minSize <= desiredCapacity <= maxSize.",
  fix: "Fix minSize, maxSize or desiredCapacity.",
  suppressible: false,
};
