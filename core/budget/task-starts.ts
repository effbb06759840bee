/**
 * Every way an ECS service starts tasks, as bursts the pull budget can check (docs/pull-budget.md,
 * "Every way tasks start"). Pure: data in, data out.
 *
 * - deploy: a ROLLING deployment starts floor(F*max/100) - ceil(F*min/100) tasks per wave.
 * - strategy: BLUE_GREEN, LINEAR and CANARY start the whole green fleet (F tasks) beside blue
 *   before any traffic moves (aws-facts.md, "ECS deployments"): one burst of F.
 * - scale-out: one auto scaling step. Target tracking may ask for everything up to max in one step,
 *   so its worst step is max - min; step scaling adds at most maxAdjustment per step.
 * F, the fleet, is autoscaling.max when autoscaling is on (a deployment may start while scaled out),
 * else desiredCount.
 * Allowances, reported but not refused: AZ rebalancing (assumed to start no more than one rolling wave:
 * ECS rebalances within the deployment percents, unverified) and Fargate Spot interruptions (every
 * Spot task of the fleet may be reclaimed with two minutes' warning and replaced).
 */
import { concurrentStarts } from "./rollout";
import type { PullProfileWithoutPercents } from "./profile";
import type { CapacityShare, DeploymentStrategy, RolloutPercents, RolloutTiming, ServicePullProfile } from "../model/budget-types";

export type ScalingPolicyShape =
  | { readonly type: "target-tracking"; readonly scaleOutCooldownSeconds: number }
  | { readonly type: "step"; readonly maxAdjustment: number; readonly cooldownSeconds: number };

export interface ScalingShape {
  readonly min: number;
  readonly max: number;
  readonly policy: ScalingPolicyShape;
}

/** Tasks the service may run when a deployment starts: the budget is checked at max, not desiredCount. */
export function fleetSize(desiredCount: number, autoscaling?: { readonly max: number }): number {
  return autoscaling ? Math.max(desiredCount, autoscaling.max) : desiredCount;
}

/** Largest number of tasks one scale-out step starts at once. */
export function scaleOutStep(scaling: ScalingShape): number {
  const range = Math.max(0, scaling.max - scaling.min);
  return scaling.policy.type === "step" ? Math.min(scaling.policy.maxAdjustment, range) : range;
}

/** Seconds to scale from min to max with steps of `step` tasks, one step per cooldown. */
export function scaleOutSeconds(scaling: ScalingShape, step: number): number {
  const range = Math.max(0, scaling.max - scaling.min);
  if (range === 0 || step <= 0) return 0;
  const cooldown = scaling.policy.type === "step" ? scaling.policy.cooldownSeconds : scaling.policy.scaleOutCooldownSeconds;
  return (Math.ceil(range / step) - 1) * cooldown;
}

/** Tasks a deployment starts at once. */
export function deploymentBurst(strategy: DeploymentStrategy, fleet: number, percents: RolloutPercents): number {
  return strategy === "ROLLING" ? concurrentStarts(fleet, percents) : fleet;
}

export interface StrategyTimes {
  readonly bakeTimeMinutes: number;
  readonly linear?: { readonly stepPercent: number; readonly stepBakeTimeMinutes: number };
  readonly canary?: { readonly percent: number; readonly bakeTimeMinutes: number };
}

export function rolloutTiming(strategy: DeploymentStrategy, fleet: number, starts: number, secondsPerWave: number, times: StrategyTimes): RolloutTiming {
  if (strategy === "ROLLING") {
    const waves = fleet === 0 ? 0 : starts > 0 ? Math.ceil(fleet / starts) : Infinity;
    return { waves, secondsPerWave, bakeSeconds: 0, seconds: Number.isFinite(waves) ? waves * secondsPerWave : null };
  }
  let bakeMinutes = times.bakeTimeMinutes;
  if (strategy === "LINEAR") {
    const linear = times.linear ?? { stepPercent: 10, stepBakeTimeMinutes: 1 };
    bakeMinutes += Math.ceil(100 / linear.stepPercent) * linear.stepBakeTimeMinutes;
  }
  if (strategy === "CANARY") bakeMinutes += (times.canary ?? { percent: 10, bakeTimeMinutes: 5 }).bakeTimeMinutes;
  const bakeSeconds = bakeMinutes * 60;
  return { waves: 1, secondsPerWave, bakeSeconds, seconds: secondsPerWave + bakeSeconds };
}

/**
 * A profile whose rollout starts exactly `tasks` at once (fleet `tasks`, 0%/100%): the pull model then
 * prices that burst with the service's images, launch type and instance cache unchanged.
 */
export function burstProfile<P extends PullProfileWithoutPercents>(profile: P, tasks: number): ServicePullProfile {
  return { ...profile, desiredCount: tasks, minimumHealthyPercent: 0, maximumPercent: 100 };
}

/** Tasks of a fleet placed on `provider` by a capacity provider strategy: base first, then by weight (rounded up: worst case). */
export function tasksOnProvider(strategy: readonly CapacityShare[], fleet: number, provider: string): number {
  const item = strategy.find((s) => s.provider === provider);
  if (!item) return 0;
  const base = Math.min(item.base, fleet);
  const rest = fleet - strategy.reduce((sum, s) => sum + Math.min(s.base, fleet), 0);
  const weights = strategy.reduce((sum, s) => sum + s.weight, 0);
  if (rest <= 0 || weights === 0) return base;
  return Math.min(fleet, base + Math.ceil((rest * item.weight) / weights));
}
