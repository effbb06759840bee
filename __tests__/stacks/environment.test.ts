/**
 * The synthesized Terraform of the embedded example's environment stacks, resource family by
 * resource family: VPC endpoints, ECS services and task definitions, execution roles, EC2 capacity.
 * Pure planning logic is tested in *-plan tests.
 */
import { platform } from "../../config/platform";
import type { PolicyDocument } from "../../core/iam";
import { isAllowed } from "../../core/iam/evaluation";
import { planPlatform } from "../../core/plan";
import { ACCOUNT, clone, synthesizeEmbedded } from "../helpers/embedded-stacks";
import { resources, synthesize, validConfig, type TfJson } from "../helpers/synth";

const { text, json, stack } = synthesizeEmbedded();

describe("environment stack resources", () => {
  const prodWest = () => stack("prod-us-west-2");

  test("ECR API, ECR Docker and S3 endpoints, interface ones private-DNS in the private subnets behind a 443-from-VPC group", () => {
    const endpoints = resources(prodWest(), "aws_vpc_endpoint");
    const byService = Object.fromEntries(endpoints.map((e) => [e.service_name, e]));
    expect(byService["com.amazonaws.us-west-2.ecr.api"]).toMatchObject({ vpc_endpoint_type: "Interface", private_dns_enabled: true, subnet_ids: ["subnet-0d1b2c3d4e5f60711", "subnet-0d1b2c3d4e5f60712"] });
    expect(byService["com.amazonaws.us-west-2.ecr.dkr"]).toMatchObject({ vpc_endpoint_type: "Interface", private_dns_enabled: true });
    expect(byService["com.amazonaws.us-west-2.s3"]).toMatchObject({ vpc_endpoint_type: "Gateway", route_table_ids: ["rtb-0d1b2c3d4e5f60711", "rtb-0d1b2c3d4e5f60712"] });
    expect(byService["com.amazonaws.us-west-2.s3"].policy).toContain("prod-us-west-2-starport-layer-bucket");
    // EC2 capacity in private subnets needs the agent endpoints; secrets need Secrets Manager
    for (const service of ["logs", "secretsmanager", "ecs", "ecs-agent", "ecs-telemetry"]) expect(byService[`com.amazonaws.us-west-2.${service}`]).toBeDefined();
    expect(byService["com.amazonaws.us-west-2.ssm"]).toBeUndefined();
    expect(text["prod-us-west-2"]).toHaveResourceWithProperties({ tfResourceType: "aws_vpc_security_group_ingress_rule" }, { from_port: 443, to_port: 443, ip_protocol: "tcp", cidr_ipv4: "10.40.0.0/16" });
  });

  test("dev (Fargate only, no secrets) gets only the endpoints it needs", () => {
    const services = resources(stack("dev"), "aws_vpc_endpoint").map((e) => e.service_name).sort();
    expect(services).toEqual(["com.amazonaws.us-east-1.ecr.api", "com.amazonaws.us-east-1.ecr.dkr", "com.amazonaws.us-east-1.logs", "com.amazonaws.us-east-1.s3"]);
  });

  test("services roll with computed percents, a rolling-back circuit breaker, private networking", () => {
    expect(text["prod-us-east-1"]).toHaveResourceWithProperties(
      { tfResourceType: "aws_ecs_service" },
      {
        name: "orders",
        desired_count: 60,
        deployment_minimum_healthy_percent: 100,
        deployment_maximum_percent: 142,
        deployment_circuit_breaker: { enable: true, rollback: true },
        launch_type: "FARGATE",
        network_configuration: {
          assign_public_ip: false,
          security_groups: [expect.stringContaining("aws_security_group")],
          subnets: ["subnet-0c1b2c3d4e5f60711", "subnet-0c1b2c3d4e5f60712", "subnet-0c1b2c3d4e5f60713"],
        },
      },
    );
    const services = resources(stack("prod-us-east-1"), "aws_ecs_service");
    // No load balancer and no container health check: the grace period would delay nothing (issue 9).
    expect(services.find((s) => s.name === "orders")!.health_check_grace_period_seconds).toBeUndefined();
    // Tasks started at once, floor(D x max / 100) - ceil(D x min / 100), each within the default budget of 25:
    // metrics 12 - 6 = 6; orders floor(85.2) - 60 = 25; web 24 - 12 = 12; worker 224 - 200 = 24 (113% would start 26).
    const percents = Object.fromEntries(services.map((s) => [s.name, [s.desired_count, s.deployment_minimum_healthy_percent, s.deployment_maximum_percent]]));
    expect(percents).toEqual({ metrics: [6, 100, 200], orders: [60, 100, 142], web: [12, 100, 200], worker: [200, 100, 112] });
    const prodEast = planPlatform(validConfig(platform)).environments.find((e) => e.stackName === "prod-us-east-1")!;
    expect(Object.fromEntries(prodEast.services.map((s) => [s.name, s.rollout.concurrentStarts]))).toEqual({ metrics: 6, orders: 25, web: 12, worker: 24 });
  });

  test("container definitions are literal JSON with private ECR images and awslogs", () => {
    const definitions = resources(stack("prod-us-west-2"), "aws_ecs_task_definition");
    const orders = definitions.find((d) => d.family === "pullguard--prod-us-west-2--orders")!;
    const containers = JSON.parse(orders.container_definitions) as TfJson[];
    expect(containers.map((c) => c.image)).toEqual([
      `${ACCOUNT}.dkr.ecr.us-west-2.amazonaws.com/${ACCOUNT}-us-east-1/orders:\${var.orders_image_tag}`,
      `${ACCOUNT}.dkr.ecr.us-west-2.amazonaws.com/ecr-public/aws-observability/aws-for-fluent-bit:2.32.4`,
    ]);
    expect(containers[0]!.logConfiguration).toEqual({ logDriver: "awslogs", options: { "awslogs-group": "/ecs/pullguard/prod/orders", "awslogs-region": "us-west-2", "awslogs-stream-prefix": "orders" } });
    expect(orders).toMatchObject({ network_mode: "awsvpc", requires_compatibilities: ["FARGATE"], cpu: "1024", memory: "2048" });
    const web = JSON.parse(definitions.find((d) => d.family === "pullguard--prod-us-west-2--web")!.container_definitions) as TfJson[];
    expect(web[0]!.image).toBe(`${ACCOUNT}.dkr.ecr.us-west-2.amazonaws.com/ecr-public/docker/library/nginx:1.27.3`);
    for (const name of Object.keys(json)) {
      for (const d of resources(stack(name), "aws_ecs_task_definition")) {
        for (const c of JSON.parse(d.container_definitions) as TfJson[]) expect(c.image).toMatch(/^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\//);
      }
    }
  });

  test("the image tag variable rejects latest and defaults to the configured tag", () => {
    const variable = stack("prod-us-west-2").variable.orders_image_tag;
    expect(variable.default).toBe("3f9c2d1");
    expect(variable.validation[0].condition).toContain('var.orders_image_tag != "latest"');
  });

  test("log groups with retention", () => {
    expect(text.staging).toHaveResourceWithProperties({ tfResourceType: "aws_cloudwatch_log_group" }, { name: "/ecs/pullguard/staging/orders", retention_in_days: 30 });
  });

  test("execution roles: literal JSON policies, no managed policy, no deprecated inline blocks", () => {
    for (const name of ["dev", "staging", "prod-us-east-1", "prod-us-west-2"]) {
      for (const role of resources(stack(name), "aws_iam_role")) {
        expect(role.managed_policy_arns).toBeUndefined();
        expect(role.inline_policy).toBeUndefined();
        expect(() => JSON.parse(role.assume_role_policy)).not.toThrow();
      }
      expect(resources(stack(name), "aws_iam_role_policy_attachment")).toHaveLength(0);
    }
    expect(text.dev).toHaveResourceWithProperties({ tfResourceType: "aws_iam_role" }, { name: "pullguard--dev-task-execution" });
    expect(text.staging).toHaveResourceWithProperties({ tfResourceType: "aws_iam_role" }, { name: "pullguard--staging--orders-exec" });
  });

  test("the prod orders execution role can pull its images and read its secret, nothing else", () => {
    const policies = resources(stack("prod-us-west-2"), "aws_iam_role_policy").map((p) => JSON.parse(p.policy) as PolicyDocument);
    const orders = policies.find((p) => JSON.stringify(p).includes("/ecs/pullguard/prod/orders"))!;
    const repo = (path: string) => `arn:aws:ecr:us-west-2:${ACCOUNT}:repository/${path}`;
    expect(isAllowed(orders, "ecr:GetAuthorizationToken", "*")).toBe(true);
    expect(isAllowed(orders, "ecr:BatchGetImage", repo(`${ACCOUNT}-us-east-1/orders`))).toBe(true);
    expect(isAllowed(orders, "ecr:GetDownloadUrlForLayer", repo("ecr-public/aws-observability/aws-for-fluent-bit"))).toBe(true);
    expect(isAllowed(orders, "ecr:BatchImportUpstreamImage", repo("ecr-public/aws-observability/aws-for-fluent-bit"))).toBe(true);
    expect(isAllowed(orders, "ecr:BatchImportUpstreamImage", repo(`${ACCOUNT}-us-east-1/orders`))).toBe(true);
    expect(isAllowed(orders, "ecr:BatchImportUpstreamImage", repo("orders"))).toBe(false);
    expect(isAllowed(orders, "ecr:BatchGetImage", repo("ecr-public/docker/library/nginx"))).toBe(false);
    expect(isAllowed(orders, "ecr:PutImage", repo("orders"))).toBe(false);
    expect(isAllowed(orders, "ecr:BatchGetImage", `arn:aws:ecr:us-west-2:999999999999:repository/orders`)).toBe(false);
    // us-west-2 reads its own Region's replica of the secret (regions.us-west-2.services.orders.secrets), not us-east-1's.
    expect(isAllowed(orders, "secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-west-2:${ACCOUNT}:secret:prod/orders/database-MnOpQr`)).toBe(true);
    expect(isAllowed(orders, "secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/orders/database-GhIjKl`)).toBe(false);
    expect(isAllowed(orders, "secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:staging/orders/database-AbCdEf`)).toBe(false);
    expect(isAllowed(orders, "logs:PutLogEvents", `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:/ecs/pullguard/prod/orders:log-stream:orders/orders/abc`)).toBe(true);
    expect(isAllowed(orders, "logs:PutLogEvents", `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:/ecs/pullguard/prod/web:log-stream:x`)).toBe(false);
    for (const statement of orders.Statement) {
      for (const action of [statement.Action].flat()) expect(action).not.toContain("*");
      if ([statement.Resource].flat().includes("*")) expect(statement.Action).toBe("ecr:GetAuthorizationToken");
    }
  });

  test("EC2 capacity: launch template user data sets the cluster and pull behaviour; capacity provider attached", () => {
    const template = resources(stack("staging"), "aws_launch_template")[0]!;
    const userData = Buffer.from(template.user_data, "base64").toString("utf8");
    expect(userData).toContain("ECS_CLUSTER=pullguard--staging");
    expect(userData).toContain("ECS_IMAGE_PULL_BEHAVIOR=once");
    expect(userData).toContain("\nECS_AWSVPC_BLOCK_IMDS=true\n");
    expect(template.metadata_options).toEqual({ http_endpoint: "enabled", http_put_response_hop_limit: 1, http_tokens: "required" });
    expect(template.image_id).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id");
    expect(text.staging).toHaveResourceWithProperties({ tfResourceType: "aws_ecs_cluster_capacity_providers" }, { capacity_providers: ["FARGATE", expect.stringContaining("aws_ecs_capacity_provider")] });
    expect(text.staging).toHaveResourceWithProperties({ tfResourceType: "aws_ecs_service" }, { name: "cache", capacity_provider_strategy: [{ capacity_provider: expect.stringContaining("aws_ecs_capacity_provider"), weight: 1 }] });
    expect(resources(stack("dev"), "aws_launch_template")).toHaveLength(0);
    const instancePolicy = JSON.parse(resources(stack("staging"), "aws_iam_role_policy").find((p) => p.name === "ecs-agent-and-image-pulls")!.policy) as PolicyDocument;
    expect(isAllowed(instancePolicy, "ecr:BatchGetImage", `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/docker-hub/bitnami/redis`)).toBe(true);
    expect(isAllowed(instancePolicy, "ecr:BatchGetImage", `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/orders`)).toBe(false);
  });

  test("prefer-cached is selectable", () => {
    const config = clone(platform);
    config.environments.staging!.ec2Capacity = { imagePullBehavior: "prefer-cached" };
    const result = synthesize(config);
    const template = resources(result.json.staging!, "aws_launch_template")[0]!;
    expect(Buffer.from(template.user_data, "base64").toString("utf8")).toContain("ECS_IMAGE_PULL_BEHAVIOR=prefer-cached");
  });

  test("tasks stopped with CannotPullContainerError go to the alert topic", () => {
    const rule = resources(stack("dev"), "aws_cloudwatch_event_rule").find((r) => r.name === "pullguard--dev-cannot-pull")!;
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ["aws.ecs"],
      "detail-type": ["ECS Task State Change"],
      detail: {
        clusterArn: [`arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/pullguard--dev`],
        lastStatus: ["STOPPED"],
        // A throttled pull leaves stoppedReason "Task failed to start" and the error on the container.
        $or: [
          { stoppedReason: [{ prefix: "CannotPullContainerError" }, { prefix: "ResourceInitializationError" }] },
          { containers: { reason: [{ prefix: "CannotPullContainerError" }, { prefix: "ResourceInitializationError" }] } },
        ],
      },
    });
    expect(text.dev).toHaveResourceWithProperties({ tfResourceType: "aws_cloudwatch_event_target" }, { arn: `arn:aws:sns:us-east-1:${ACCOUNT}:pullguard--image-pulls` });
  });
});
