import type { FindingDefinition } from "../../model/findings";

export const existingClusterAutoscaling: FindingDefinition = {
  id: "PG-EXISTING-CLUSTER-AUTOSCALING",
  level: "warning",
  description: "A service with autoscaling runs in an existing cluster (existingClusterName): its scalable target names that cluster.",
  why: "Application Auto Scaling addresses an ECS service as service/<cluster>/<service>; in an existing cluster that is the existing cluster's name, not the one pullguard would create, and pullguard neither creates nor changes that cluster.",
  fix: "Nothing to do if the cluster name is right; check that no other tool registers a scalable target for the same service.",
  suppressible: true,
};
