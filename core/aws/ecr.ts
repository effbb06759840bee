import { arn } from "./arn";

/** A private registry's host: every image of account and Region is pulled from it. */
export function ecrRegistryHost(account: string, region: string): string {
  return `${account}.dkr.ecr.${region}.amazonaws.com`;
}

/** `repository` may be a wildcard pattern such as `*` or `docker-hub/*`. */
export function ecrRepositoryArn(region: string, account: string, repository: string): string {
  return arn({ service: "ecr", region, account, resource: `repository/${repository}` });
}
