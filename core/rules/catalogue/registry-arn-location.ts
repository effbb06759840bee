import type { FindingDefinition } from "../../model/findings";

export const registryArnLocation: FindingDefinition = {
  id: "PG-REGISTRY-ARN-LOCATION",
  level: "error",
  description: "A credential secret or KMS key is not in the registry's account and Region.",
  why: "ECR uses the secret and key only in its own account and Region (docs/aws-facts.md, \"ECR pull-through cache\").",
  fix: "Use a secret or key in the registry's account and Region; with registries in several Regions, set each Region's key under accounts.<a>.registry.regions.<region> (docs/estates.md).",
  suppressible: false,
};
