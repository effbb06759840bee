import type { TfJson } from "../../scripts/lib/tf-json-diff-blocks";

/** A small stack in the shape cdktf writes, with its "//" metadata. */
export function stack(name = "dev"): TfJson {
  return {
    "//": { metadata: { backend: "local", stackName: name, version: "0.21.0" }, outputs: {} },
    provider: { aws: [{ region: "us-east-1", default_tags: [{ tags: { environment: name, owner: "platform" } }] }] },
    resource: {
      aws_ecs_service: {
        "service-orders_service_E0105FFD": {
          "//": { metadata: { path: `${name}/service-orders/service`, uniqueId: "service-orders_service_E0105FFD" } },
          desired_count: 2,
          deployment_circuit_breaker: { enable: true, rollback: true },
          name: "orders",
        },
      },
      aws_ecs_task_definition: {
        "service-orders_task-definition_2FCC2B8E": {
          "//": { metadata: { path: `${name}/service-orders/task-definition`, uniqueId: "service-orders_task-definition_2FCC2B8E" } },
          container_definitions: JSON.stringify([{ name: "orders", image: "111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:1.0", essential: true }]),
          family: `${name}-orders`,
        },
      },
      aws_iam_role_policy: {
        "execution_policy_8B4E83EA": {
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: "*" }],
          }),
        },
      },
    },
    terraform: {
      backend: { local: { path: `terraform.${name}.tfstate` } },
      required_providers: { aws: { source: "hashicorp/aws", version: "~> 6.25" } },
    },
    variable: { orders_image_tag: { default: "1.0", type: "string" } },
  };
}

/** Deep copy to edit: the tests below change one thing at a time. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;
