import { arn } from "./arn";

export function ecsClusterArn(region: string, account: string, clusterName: string): string {
  return arn({ service: "ecs", region, account, resource: `cluster/${clusterName}` });
}

/** Every container instance of one cluster. */
export function ecsContainerInstancesArn(region: string, account: string, clusterName: string): string {
  return arn({ service: "ecs", region, account, resource: `container-instance/${clusterName}/*` });
}
