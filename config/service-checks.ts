import type { z } from "zod";
import { instanceArchitecture } from "../facts/ec2-architecture";
import type { AutoscalingConfig, ContainerHealthCheckConfig, LoadBalancerConfig, TaskRoleConfig, CapacityProviderItemConfig } from "./service-schema";

/**
 * Cross-field rules of one service that zod's field validators cannot see: references between
 * containers, load balancers and strategies. Each problem names the config path of the field to fix.
 */

interface ContainerView {
  readonly port?: number;
  readonly healthCheck?: ContainerHealthCheckConfig;
  readonly dependsOn: Readonly<Record<string, string>>;
}

export interface ServiceView extends ContainerView {
  readonly desiredCount: number;
  readonly launchType: "FARGATE" | "EC2";
  readonly sidecars: Readonly<Record<string, ContainerView>>;
  readonly loadBalancers: readonly LoadBalancerConfig[];
  readonly taskRole?: TaskRoleConfig;
  readonly ephemeralStorageGiB?: number;
  readonly capacityProviderStrategy?: readonly CapacityProviderItemConfig[];
  readonly runtimePlatform: { readonly cpuArchitecture?: "X86_64" | "ARM64" };
  readonly platformVersion?: string;
  readonly enableExecuteCommand: boolean;
  readonly autoscaling?: AutoscalingConfig;
  readonly deployment: {
    readonly strategy: "ROLLING" | "BLUE_GREEN" | "LINEAR" | "CANARY";
    readonly linear?: unknown;
    readonly canary?: unknown;
    readonly minimumHealthyPercent?: number;
    readonly maximumPercent?: number;
  };
}

type Ctx = z.core.$RefinementCtx;

function issue(ctx: Ctx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: "custom", path, message });
}

/** The main container is named after the service, which this object does not know: "" stands for it. */
function containers(s: ServiceView): Map<string, { view: ContainerView; path: (string | number)[] }> {
  const map = new Map<string, { view: ContainerView; path: (string | number)[] }>();
  map.set("", { view: s, path: [] });
  for (const [name, sidecar] of Object.entries(s.sidecars)) map.set(name, { view: sidecar, path: ["sidecars", name] });
  return map;
}

function checkContainers(s: ServiceView, ctx: Ctx): void {
  const all = containers(s);
  for (const [, { view, path }] of all) {
    for (const [target, condition] of Object.entries(view.dependsOn)) {
      const other = all.get(target);
      // The main container may be named by its service name, which is checked in core (planContainers).
      if (!other) continue;
      if (other.view === view) issue(ctx, [...path, "dependsOn", target], "must not name the container itself");
      else if (condition === "HEALTHY" && !other.view.healthCheck) issue(ctx, [...path, "dependsOn", target], `HEALTHY needs a healthCheck on ${target}`);
    }
  }
  s.loadBalancers.forEach((lb, i) => {
    const target = lb.container === undefined ? all.get("") : all.get(lb.container);
    // A container named after the service is the main one: resolved against the service name in core.
    if (!target) return;
    if (target.view.port !== lb.port) {
      issue(ctx, ["loadBalancers", i, "port"], `must be the port of ${lb.container === undefined ? "the main container" : `container ${lb.container}`} (${target.view.port ?? "none declared"})`);
    }
  });
}

/** The first Fargate platform version whose Spot capacity runs ARM64 tasks (docs/aws-facts.md, "ECS"). */
const SPOT_ARM64_FROM = [1, 4, 0] as const;

/** Unset and LATEST mean the latest platform version, which is past 1.4.0. */
export function spotRunsArm64(platformVersion: string | undefined): boolean {
  if (platformVersion === undefined || platformVersion === "LATEST") return true;
  const parts = platformVersion.split(".").map(Number);
  for (let i = 0; i < SPOT_ARM64_FROM.length; i++) {
    const part = parts[i] ?? 0;
    if (part !== SPOT_ARM64_FROM[i]) return part > SPOT_ARM64_FROM[i]!;
  }
  return true;
}

function checkCapacity(s: ServiceView, ctx: Ctx): void {
  const arm = s.runtimePlatform.cpuArchitecture === "ARM64";
  s.capacityProviderStrategy?.forEach((item, i) => {
    const fargate = item.provider !== "EC2";
    if (fargate !== (s.launchType === "FARGATE")) {
      issue(ctx, ["capacityProviderStrategy", i, "provider"], `${item.provider} does not run launchType ${s.launchType} tasks (FARGATE and FARGATE_SPOT for FARGATE, EC2 for EC2)`);
    }
    // Fargate Spot runs ARM64 Linux tasks from platform version 1.4.0 (ECS API reference,
    // CapacityProviderStrategyItem; docs/aws-facts.md, "ECS", where the developer guide still says no).
    if (item.provider === "FARGATE_SPOT" && arm && !spotRunsArm64(s.platformVersion)) {
      issue(ctx, ["capacityProviderStrategy", i, "provider"], `FARGATE_SPOT runs ARM64 tasks on platform version 1.4.0 or later, not ${s.platformVersion}; use FARGATE or platformVersion 1.4.0 or LATEST`);
    }
  });
  const strategy = s.capacityProviderStrategy ?? [];
  if (strategy.length > 0 && strategy.every((item) => item.weight === 0)) issue(ctx, ["capacityProviderStrategy"], "must give at least one provider a weight above 0");
  if (strategy.filter((item) => item.base > 0).length > 1) issue(ctx, ["capacityProviderStrategy"], "may give a base to one provider only (ECS rule)");
  if (new Set(strategy.map((item) => item.provider)).size !== strategy.length) issue(ctx, ["capacityProviderStrategy"], "must name each provider once");
  if (s.launchType === "EC2" && s.ephemeralStorageGiB !== undefined) issue(ctx, ["ephemeralStorageGiB"], "is for Fargate tasks; EC2 tasks use the instance's storage");
  if (s.launchType === "EC2" && s.platformVersion !== undefined) issue(ctx, ["platformVersion"], "is for Fargate tasks");
}

function checkDeployment(s: ServiceView, ctx: Ctx): void {
  const d = s.deployment;
  if (d.strategy !== "ROLLING") {
    if (s.loadBalancers.length === 0 || !s.loadBalancers.some((lb) => lb.advanced)) {
      issue(ctx, ["deployment", "strategy"], `${d.strategy} needs a load balancer with \`advanced\` (alternate target group, production listener rule, role)`);
    }
    if (d.minimumHealthyPercent !== undefined || d.maximumPercent !== undefined) {
      issue(ctx, ["deployment", "strategy"], `${d.strategy} starts the whole green fleet; minimumHealthyPercent/maximumPercent apply to ROLLING only`);
    }
  }
  if (d.linear !== undefined && d.strategy !== "LINEAR") issue(ctx, ["deployment", "linear"], "applies to strategy LINEAR only");
  if (d.canary !== undefined && d.strategy !== "CANARY") issue(ctx, ["deployment", "canary"], "applies to strategy CANARY only");
}

function checkAutoscaling(s: ServiceView, ctx: Ctx): void {
  const a = s.autoscaling;
  if (!a) return;
  if (s.desiredCount < a.min || s.desiredCount > a.max) issue(ctx, ["desiredCount"], `must be between autoscaling.min (${a.min}) and autoscaling.max (${a.max}): it is the count at creation`);
  if (a.policy.type === "target-tracking" && a.policy.metric === "alb-requests" && s.loadBalancers.length === 0) {
    issue(ctx, ["autoscaling", "policy", "metric"], "alb-requests needs a load balancer (loadBalancers)");
  }
  if (a.policy.type === "step" && a.policy.maxAdjustment > a.max - a.min && a.max > a.min) {
    issue(ctx, ["autoscaling", "policy", "maxAdjustment"], `must be at most max - min (${a.max - a.min})`);
  }
}

export function checkService(s: ServiceView, ctx: Ctx): void {
  checkContainers(s, ctx);
  checkCapacity(s, ctx);
  checkDeployment(s, ctx);
  checkAutoscaling(s, ctx);
  if (s.enableExecuteCommand && !s.taskRole) issue(ctx, ["enableExecuteCommand"], "needs a taskRole (ECS Exec runs with the task role's ssmmessages permissions)");
}

/** One launch template serves every instance type of the group, so they must share one AMI architecture. */
export function checkCapacityArchitecture(c: { readonly instanceType: string; readonly additionalInstanceTypes: readonly string[]; readonly amiSsmParameter?: string }, ctx: Ctx): void {
  const architecture = instanceArchitecture(c.instanceType);
  c.additionalInstanceTypes.forEach((type, i) => {
    const other = instanceArchitecture(type);
    if (other !== architecture) {
      issue(ctx, ["additionalInstanceTypes", i], `${type} is ${other} but instanceType ${c.instanceType} is ${architecture}: one capacity runs one architecture (one AMI)`);
    }
  });
  if (c.amiSsmParameter !== undefined && (architecture === "ARM64") !== c.amiSsmParameter.includes("arm64")) {
    issue(ctx, ["amiSsmParameter"], `does not look like an ${architecture} AMI parameter for ${c.instanceType}; omit it to get the matching ECS-optimized AMI`);
  }
}
