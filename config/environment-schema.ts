import { z } from "zod";
import { accountRef, defaultedFromFields, region, resourceName, routeTableId, subnetId, tags, vpcCidr, vpcId } from "./primitives";
import { endpointSetting, existingClusterName, regionCapacityOverride, regionEndpoints, regionServiceOverride } from "./estate-schema";
import { checkCapacityArchitecture } from "./service-checks";
import { checkEnvironmentArnPartitions } from "./arn-partitions";
import { service } from "./service-task-schema";

/**
 * An environment: its account, the Regions it runs in with their VPCs, the VPC endpoints for
 * private pulls, EC2 capacity and its services. Every default is applied here, next to its field.
 */

const vpc = z.strictObject({
  id: vpcId,
  cidr: vpcCidr.describe("Primary IPv4 CIDR; interface endpoints accept TCP 443 from it."),
  privateSubnetIds: z.array(subnetId).min(1, "must list at least one private subnet").describe("Tasks and interface endpoints go here."),
  privateSubnetAvailabilityZones: z
    .record(subnetId, z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, "must be an Availability Zone name like us-east-1a"))
    .optional()
    .describe("Availability Zone of each private subnet. With it, interface endpoints get one subnet per AZ (the first by id); without it, every listed subnet, which must then be in distinct AZs."),
  privateRouteTableIds: z.array(routeTableId).min(1, "must list at least one private route table").describe("The S3 gateway endpoint is attached to these."),
  natPublicIps: z
    .number()
    .int()
    .min(0)
    .default(1)
    .describe("Public egress IPs (NAT gateways) the private subnets share; Docker Hub counts anonymous pulls per IP. Default 1."),
});

const endpoints = z
  .strictObject({
    ecrApi: endpointSetting,
    ecrDkr: endpointSetting,
    s3: endpointSetting,
    logs: endpointSetting,
    secretsmanager: endpointSetting,
    ssm: endpointSetting,
    kms: endpointSetting,
    ecs: endpointSetting,
    ecsAgent: endpointSetting,
    ecsTelemetry: endpointSetting,
    ssmmessages: endpointSetting,
    restrictToAccount: z
      .boolean()
      .default(false)
      .describe("Attach endpoint policies that allow ECR and the S3 layer bucket only for this environment's account. Default false."),
  })
  .describe("VPC endpoints for private pulls. ECR API, ECR Docker and S3 are always needed.");
const ec2Capacity = z
  .strictObject({
    instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type like m6i.large").default("m6i.large"),
    minSize: z.number().int().min(0).default(1),
    maxSize: z.number().int().min(1).default(4),
    desiredCapacity: z.number().int().min(0).default(2).describe("Instances the EC2 services spread over (also the pull-budget instance count). Default 2."),
    imagePullBehavior: z
      .enum(["default", "always", "once", "prefer-cached"])
      .default("once")
      .describe("ECS_IMAGE_PULL_BEHAVIOR. Default `once`: caches per instance and keeps automated image cleanup."),
    additionalInstanceTypes: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type like m6i.large"))
      .default([])
      .describe("More instance types for the Auto Scaling group (mixed instances policy); all of one CPU architecture. Default none."),
    amiSsmParameter: z
      .string()
      .regex(/^\/[A-Za-z0-9/_.-]+$/)
      .optional()
      .describe(
        "SSM parameter with the ECS-optimized AMI id, resolved at launch. Default by the instance types' architecture: /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id (x86_64) or .../amazon-linux-2023/arm64/recommended/image_id (Graviton).",
      ),
  })
  .superRefine((c, ctx) => {
    checkCapacityArchitecture(c, ctx);
    if (c.maxSize < c.minSize) ctx.addIssue({ code: "custom", path: ["maxSize"], message: "must be at least minSize" });
    if (c.desiredCapacity < c.minSize || c.desiredCapacity > c.maxSize) {
      ctx.addIssue({ code: "custom", path: ["desiredCapacity"], message: "must be between minSize and maxSize" });
    }
  });

const environmentRegion = z.strictObject({
  vpc,
  endpoints: regionEndpoints.optional(),
  services: z.record(z.string(), regionServiceOverride).default({}).describe("Region-bound settings per service (desired count, secret and KMS ARNs, load balancers, alarm names), by service name."),
  ec2Capacity: regionCapacityOverride.optional(),
  existingClusterName: existingClusterName.optional(),
});

export const environment = z
  .strictObject({
    account: accountRef.describe("Account alias (declared under `accounts`)."),
    regions: z
      .record(region, environmentRegion)
      .refine((r) => Object.keys(r).length > 0, "must declare at least one Region")
      .describe("Regions the environment runs in, each with its VPC. More than one Region gives one stack per Region."),
    executionRoles: z
      .enum(["per-service", "shared"])
      .default("per-service")
      .describe("One task execution role per service (least privilege), or one shared by the environment. Default per-service."),
    containerInsights: z.enum(["enabled", "enhanced", "disabled"]).default("enabled"),
    endpoints: defaultedFromFields(endpoints),
    ec2Capacity: defaultedFromFields(ec2Capacity).describe("Container instances, created only when a service has launchType EC2."),
    existingClusterName: existingClusterName.optional().describe("Run on this existing cluster in every Region (per-Region `existingClusterName` wins)."),
    tags: tags.default({}),
    services: z.record(resourceName("service name", 28), service).default({}),
  })
  .superRefine((env, ctx) => checkEnvironmentArnPartitions(env, ctx));
