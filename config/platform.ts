import type { PlatformConfigInput } from "./schema";

/**
 * The embedded example: one account; dev and staging in us-east-1; prod in us-east-1 and
 * us-west-2; Fargate and EC2 services; images from Docker Hub (official and not), ECR Public,
 * Quay, GHCR and the team's own ECR repositories in us-east-1. Replace it with your platform, or
 * point PULLGUARD_CONFIG at a JSON/YAML file of the same shape (config/pullguard.schema.json).
 */
const ACCOUNT = "111111111111";
const TEAM_REGISTRY = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`;

export const platform: PlatformConfigInput = {
  schemaVersion: 1,
  project: "pullguard",
  accounts: {
    main: {
      id: ACCOUNT,
      registry: {
        pullThroughCache: {
          dockerHub: { credential: { source: "create" } },
          ecrPublic: true,
          quay: true,
          ghcr: { credential: { source: "create" } },
        },
        repositoryTemplates: { resourceTags: { "cost-center": "platform" } },
      },
    },
  },
  tags: { owner: "platform-team" },
  environments: {
    dev: {
      account: "main",
      regions: {
        "us-east-1": {
          vpc: {
            id: "vpc-0a1b2c3d4e5f60718",
            cidr: "10.10.0.0/16",
            privateSubnetIds: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712"],
            privateRouteTableIds: ["rtb-0a1b2c3d4e5f60711"],
          },
        },
      },
      executionRoles: "shared",
      services: {
        web: { image: "nginx:1.27.3", port: 80, desiredCount: 2 },
        orders: {
          image: `${TEAM_REGISTRY}/orders:3f9c2d1`,
          imageTagVariable: true,
          port: 8080,
          desiredCount: 2,
          cpu: 512,
          memory: 1024,
          // Graviton on Fargate: the image must have an arm64 variant.
          runtimePlatform: { cpuArchitecture: "ARM64" },
        },
      },
    },
    staging: {
      account: "main",
      regions: {
        "us-east-1": {
          vpc: {
            id: "vpc-0b1b2c3d4e5f60718",
            cidr: "10.20.0.0/16",
            privateSubnetIds: ["subnet-0b1b2c3d4e5f60711", "subnet-0b1b2c3d4e5f60712"],
            privateRouteTableIds: ["rtb-0b1b2c3d4e5f60711", "rtb-0b1b2c3d4e5f60712"],
          },
        },
      },
      services: {
        orders: {
          image: `${TEAM_REGISTRY}/orders:3f9c2d1`,
          imageTagVariable: true,
          port: 8080,
          desiredCount: 4,
          cpu: 512,
          memory: 1024,
          secrets: { DATABASE_URL: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:staging/orders/database-AbCdEf` },
        },
        cache: { image: "bitnami/redis:7.2", port: 6379, desiredCount: 1, launchType: "EC2", imageLayers: 12 },
        // A production web service: behind an existing target group, health-checked, autoscaled.
        storefront: {
          image: "nginx:1.27.3",
          port: 80,
          desiredCount: 4,
          readonlyRootFilesystem: true,
          healthCheck: { command: ["CMD-SHELL", "curl -fsS http://localhost/ || exit 1"], startPeriodSeconds: 10 },
          loadBalancers: [{ targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/staging-storefront/0a1b2c3d4e5f6071`, port: 80 }],
          autoscaling: { min: 2, max: 20, policy: { type: "target-tracking", metric: "cpu", target: 60 } },
          taskRole: { statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::staging-storefront-assets/*"] }] },
          enableExecuteCommand: true,
        },
        // A canary: ECS starts the whole green fleet, shifts 10% of traffic for 5 minutes, then the
        // rest; alarms roll it back (the circuit breaker is for rolling updates only).
        checkout: {
          image: `${TEAM_REGISTRY}/checkout:1.4.0`,
          port: 8080,
          desiredCount: 3,
          loadBalancers: [
            {
              targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/staging-checkout-blue/1a2b3c4d5e6f7081`,
              port: 8080,
              advanced: {
                alternateTargetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/staging-checkout-green/2a3b4c5d6e7f8091`,
                productionListenerRuleArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:listener-rule/app/staging-web/0123456789abcdef/0123456789abcdef/1234567890abcdef`,
                roleArn: `arn:aws:iam::${ACCOUNT}:role/ecs-infrastructure-load-balancers`,
              },
            },
          ],
          deployment: { strategy: "CANARY", canary: { percent: 10, bakeTimeMinutes: 5 }, alarms: { names: ["staging-checkout-5xx"] } },
        },
      },
    },
    prod: {
      account: "main",
      regions: {
        "us-east-1": {
          vpc: {
            id: "vpc-0c1b2c3d4e5f60718",
            cidr: "10.30.0.0/16",
            privateSubnetIds: ["subnet-0c1b2c3d4e5f60711", "subnet-0c1b2c3d4e5f60712", "subnet-0c1b2c3d4e5f60713"],
            privateRouteTableIds: ["rtb-0c1b2c3d4e5f60711", "rtb-0c1b2c3d4e5f60712", "rtb-0c1b2c3d4e5f60713"],
            natPublicIps: 3,
          },
        },
        "us-west-2": {
          vpc: {
            id: "vpc-0d1b2c3d4e5f60718",
            cidr: "10.40.0.0/16",
            privateSubnetIds: ["subnet-0d1b2c3d4e5f60711", "subnet-0d1b2c3d4e5f60712"],
            privateRouteTableIds: ["rtb-0d1b2c3d4e5f60711", "rtb-0d1b2c3d4e5f60712"],
            natPublicIps: 2,
          },
          // Region-bound values: this Region's replica of the database secret.
          services: { orders: { secrets: { DATABASE_URL: `arn:aws:secretsmanager:us-west-2:${ACCOUNT}:secret:prod/orders/database-MnOpQr` } } },
        },
      },
      endpoints: { restrictToAccount: true },
      ec2Capacity: { instanceType: "m6i.xlarge", minSize: 3, maxSize: 12, desiredCapacity: 6 },
      services: {
        orders: {
          image: `${TEAM_REGISTRY}/orders:3f9c2d1`,
          imageTagVariable: true,
          port: 8080,
          desiredCount: 60,
          cpu: 1024,
          memory: 2048,
          secrets: { DATABASE_URL: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/orders/database-GhIjKl` },
          sidecars: {
            "log-router": { image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4", imageLayers: 6 },
          },
        },
        web: { image: "nginx:1.27.3", port: 80, desiredCount: 12 },
        metrics: {
          image: "quay.io/prometheus/node-exporter:v1.8.2",
          port: 9100,
          desiredCount: 6,
          launchType: "EC2",
          imageLayers: 4,
        },
        worker: {
          image: "ghcr.io/example-org/worker:v2.4.1",
          desiredCount: 200,
          cpu: 512,
          memory: 1024,
          deployment: { minimumHealthyPercentFloor: 90 },
          // Interruption-tolerant: 20 tasks on Fargate, the rest 3:1 on Fargate Spot.
          capacityProviderStrategy: [
            { provider: "FARGATE", base: 20, weight: 1 },
            { provider: "FARGATE_SPOT", weight: 3 },
          ],
        },
      },
    },
  },
  backend: { type: "local" },
};
