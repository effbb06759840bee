import { arn } from "./arn";

/** A private registry's host: every image of account and Region is pulled from it. */
export function ecrRegistryHost(account: string, region: string): string {
  return `${account}.dkr.ecr.${region}.amazonaws.com`;
}

/** The ECR actions a pull makes (aws-facts.md: one BatchGetImage, one GetDownloadUrlForLayer per layer): what an execution role, an endpoint policy or an upstream registry's grant must allow. */
export const ECR_PULL_ACTIONS = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] as const;
/** A first pull through the cache imports the image and may create its repository (aws-facts.md). */
export const ECR_CACHE_IMPORT_ACTIONS = ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"] as const;

/** `repository` may be a wildcard pattern such as `*` or `docker-hub/*`. */
export function ecrRepositoryArn(region: string, account: string, repository: string): string {
  return arn({ service: "ecr", region, account, resource: `repository/${repository}` });
}
