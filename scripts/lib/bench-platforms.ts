/**
 * Inputs for `npm run bench`: generated platforms of any size (valid configs spreading services
 * over environments and three Regions) and the pull-budget model timed alone.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { assessGroup, assessService, maxStartsWithinShare, type ServicePullProfile } from "../../core/budget";
import { widestPercentsWithinStartBudget } from "../../core/budget/rollout";
import { median } from "./bench-run";

const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"] as const;
const IMAGES = [
  "nginx:1.27.3",
  "bitnami/redis:7.2",
  "public.ecr.aws/docker/library/redis:7.2",
  "quay.io/prometheus/node-exporter:v1.8.2",
  "ghcr.io/example-org/worker:v2.4.1",
  "111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:3f9c2d1",
];

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** A valid platform of `services` services spread over `environments` environments and three Regions. */
export function generatePlatform(services: number, environments: number): PlatformConfigInput {
  const config: PlatformConfigInput = {
    accounts: {
      main: {
        id: "111111111111",
        registry: {
          pullThroughCache: { dockerHub: { credential: { source: "create" } }, ecrPublic: true, quay: true, ghcr: { credential: { source: "create" } } },
        },
      },
    },
    environments: {},
    // An estate of 10,000 services runs with its Fargate vCPU quota raised (the default 4,000 would
    // refuse it, as PG-FARGATE-VCPU-ACCOUNT should): 40,000 per Region, room for every peak at once.
    pullBudget: { fargate: { quotas: Object.fromEntries(REGIONS.map((region) => [region, { onDemandVcpu: 40_000 }])) } },
  };
  for (let e = 0; e < environments; e++) {
    const region = REGIONS[e % REGIONS.length]!;
    const envServices: NonNullable<PlatformConfigInput["environments"][string]["services"]> = {};
    const count = Math.floor(services / environments) + (e < services % environments ? 1 : 0);
    for (let s = 0; s < count; s++) {
      const index = e * 1000 + s;
      envServices[`svc-${s}`] = {
        image: IMAGES[index % IMAGES.length]!,
        desiredCount: [1, 2, 3, 10, 50, 100][index % 6]!,
        launchType: index % 7 === 0 ? "EC2" : "FARGATE",
        port: 8080,
      };
    }
    config.environments[`env-${e}`] = {
      account: "main",
      regions: {
        [region]: {
          vpc: {
            id: `vpc-${hex(e, 17)}`,
            cidr: `10.${e % 256}.0.0/16`,
            privateSubnetIds: [`subnet-${hex(e * 2, 17)}`, `subnet-${hex(e * 2 + 1, 17)}`],
            privateRouteTableIds: [`rtb-${hex(e, 17)}`],
          },
        },
      },
      services: envServices,
    };
  }
  return config;
}

/** The pull-budget model alone: plan and assess 10,000 services, as the guard does per synth. */
export function benchModel(services: number): { milliseconds: number } {
  const profiles: ServicePullProfile[] = [];
  const once = () => {
    profiles.length = 0;
    for (let i = 0; i < services; i++) {
      const base = {
        stack: `env-${i % 30}`,
        service: `svc-${i}`,
        desiredCount: [1, 2, 3, 10, 50, 100, 1000][i % 7]!,
        launchType: i % 5 === 0 ? ("EC2" as const) : ("FARGATE" as const),
        pullBehavior: "once" as const,
        instanceCount: 6,
        natPublicIps: 1,
        images: [{ source: "ecr" as const, layers: 10, registryPath: "x" }, ...(i % 3 === 0 ? [{ source: "ecr" as const, layers: 6, registryPath: "y" }] : [])],
      };
      const budget = Math.min(25, maxStartsWithinShare(base, 0.5));
      const rollout = widestPercentsWithinStartBudget({ desiredCount: base.desiredCount, maxConcurrentStarts: Math.max(1, budget), minimumHealthyPercentFloor: 100 });
      const profile = { ...base, minimumHealthyPercent: rollout.minimumHealthyPercent, maximumPercent: rollout.maximumPercent };
      assessService(profile);
      profiles.push(profile);
    }
    assessGroup("all", profiles);
  };
  once();
  const times = Array.from({ length: 5 }, () => {
    const start = process.hrtime.bigint();
    once();
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  return { milliseconds: median(times) };
}

