/**
 * ECS rolling-update arithmetic (deployment controller ECS, scheduling strategy REPLICA).
 *
 * Pure module: no cdktf, no I/O. Every rule here comes from
 * docs/aws-facts.md, section "ECS".
 *
 * All functions take integer desired counts; percents may be any finite non-negative number for the
 * primitive helpers, but the planner only ever proposes integer percents because ECS's
 * `deployment_minimum_healthy_percent` / `deployment_maximum_percent` are integers.
 */
import type { RolloutPercents } from "../model/budget-types";

/** REPLICA defaults 200/100 (aws-facts.md, "ECS deployments"). */
export const ECS_DEFAULT_PERCENTS: RolloutPercents = Object.freeze({
  minimumHealthyPercent: 100,
  maximumPercent: 200,
});

/** We never plan above 200%: doubling the fleet is already the ECS default and the widest burst we accept. */
export const MAX_MAXIMUM_PERCENT = 200;

/**
 * The planner keeps maximumPercent >= 100: below that ECS has to stop old tasks before it can start
 * new ones even when minimumHealthyPercent is 100, which is never what a pull budget asks for.
 */
const MIN_PLANNED_MAXIMUM_PERCENT = 100;

/** Circuit breaker threshold bounds (aws-facts.md, "ECS deployments": 0.5 x desired, min 3, max 200). */
const CIRCUIT_BREAKER_MIN = 3;
const CIRCUIT_BREAKER_MAX = 200;

/**
 * D * percent / 100 can land a hair off an integer for non-integer percents (e.g. 3 * 33.3 / 100);
 * snapping within this tolerance keeps ceil/floor from jumping a whole task on float noise.
 */
const INTEGER_SNAP = 1e-9;

function assertDesired(desired: number): void {
  if (!Number.isSafeInteger(desired) || desired < 0) {
    throw new RangeError(`desiredCount must be a non-negative integer, got ${desired}`);
  }
}

function assertPercent(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite non-negative number, got ${value}`);
  }
}

function scaled(desired: number, percent: number): number {
  const exact = (desired * percent) / 100;
  const nearest = Math.round(exact);
  return Math.abs(exact - nearest) < INTEGER_SNAP ? nearest : exact;
}

/** ECS floors RUNNING tasks at ceil(D * min / 100): minimumHealthyPercent rounds up. */
export function runningFloor(desired: number, minimumHealthyPercent: number): number {
  assertDesired(desired);
  assertPercent("minimumHealthyPercent", minimumHealthyPercent);
  return Math.ceil(scaled(desired, minimumHealthyPercent));
}

/** ECS caps RUNNING + PENDING tasks at floor(D * max / 100): maximumPercent rounds down. */
export function taskCeiling(desired: number, maximumPercent: number): number {
  assertDesired(desired);
  assertPercent("maximumPercent", maximumPercent);
  return Math.floor(scaled(desired, maximumPercent));
}

/**
 * New tasks that can start at once in a rolling update:
 * floor(D*max/100) - ceil(D*min/100), never below 0 (aws-facts.md, "ECS deployments").
 * 0 means the rollout cannot progress (e.g. D=2 at 125/100).
 */
export function concurrentStarts(desired: number, p: RolloutPercents): number {
  const starts = taskCeiling(desired, p.maximumPercent) - runningFloor(desired, p.minimumHealthyPercent);
  return starts > 0 ? starts : 0;
}

/**
 * Deployment circuit breaker failure threshold: 0.5 x desired rounded up, clamped to [3, 200]
 * (aws-facts.md, "ECS deployments"). Small services still get 3 attempts, huge ones stop at 200.
 */
export function circuitBreakerThreshold(desired: number): number {
  assertDesired(desired);
  const half = Math.ceil(desired / 2);
  return Math.min(CIRCUIT_BREAKER_MAX, Math.max(CIRCUIT_BREAKER_MIN, half));
}

/** ECS's circuit breaker threshold when none is configured (ECS developer guide, deployment circuit breaker). */
export const DEFAULT_CIRCUIT_BREAKER_THRESHOLD = Object.freeze({ type: "BOUNDED_PERCENT", value: 50 } as const);

export interface CircuitBreakerThreshold {
  readonly type: "COUNT" | "BOUNDED_PERCENT" | "UNBOUNDED_PERCENT";
  readonly value: number;
}

/**
 * Failed tasks that trip the circuit breaker at `desired` tasks (ECS API ThresholdConfiguration,
 * docs/aws-facts.md, "ECS"): COUNT is the value itself; BOUNDED_PERCENT the percent of desired,
 * rounded up, kept within [3, 200] (the default, 50, is circuitBreakerThreshold); UNBOUNDED_PERCENT
 * the percent without those bounds, at least 1 (**unverified**: AWS documents no floor).
 */
export function circuitBreakerFailures(desired: number, threshold: CircuitBreakerThreshold): number {
  assertDesired(desired);
  if (threshold.type === "COUNT") return threshold.value;
  const share = Math.ceil(scaled(desired, threshold.value));
  if (threshold.type === "UNBOUNDED_PERCENT") return Math.max(1, share);
  return Math.min(CIRCUIT_BREAKER_MAX, Math.max(CIRCUIT_BREAKER_MIN, share));
}

export interface RolloutGoal {
  /** Tasks the service runs; a non-negative integer. */
  readonly desiredCount: number;
  /**
   * Most tasks allowed to start at once (the pull budget for this service). A non-negative integer;
   * normally >= 1. 0 is accepted (it is what `maxStartsWithinShare` returns when even one task is too
   * many) and yields the slowest possible plan with fitsBudget false.
   */
  readonly maxConcurrentStarts: number;
  /**
   * Lowest minimumHealthyPercent the config tolerates (100 = never drop below desired), in [0, 100].
   * The planner goes below 100 only when that starts more tasks within the budget (D=150, budget 2:
   * 99/101 starts 151 - 149 = 2 where 100/101 starts 1).
   */
  readonly minimumHealthyPercentFloor: number;
}

export interface RolloutPlan extends RolloutPercents {
  /** Tasks this plan lets ECS start at once: concurrentStarts(desiredCount, plan). */
  readonly concurrentStarts: number;
  /**
   * false when no integer maximumPercent in [100, 200] at any allowed minimum gives
   * 1 <= starts <= maxConcurrentStarts; the plan is then the one with the fewest starts >= 1, so the
   * caller can report how far over budget even the slowest rollout is.
   */
  readonly fitsBudget: boolean;
}

/**
 * The widest rolling percents that keep concurrent starts within the start budget: the most tasks
 * ECS may start at once without exceeding `maxConcurrentStarts`.
 *
 * Not named "fastest" because it is not always the fastest rollout: more starts per wave does not
 * always mean fewer waves (D=10: 5 or 6 at once both take ceil(10/5) = ceil(10/6) = 2 waves; this
 * returns 6), and when nothing fits it returns the narrowest rollout that still progresses.
 *
 * Rule: the most starts with 1 <= starts <= maxConcurrentStarts over every integer minimum from 100
 * down to the floor and every integer maximum in [100, 200]; among equal starts the highest minimum
 * (availability is never traded away unless it buys speed), then the smallest maximum (e.g. D=50
 * budget 25: 150 and 151 both give 25, we return 150: no surplus headroom that would let a later
 * desiredCount bump exceed the budget sooner).
 *
 * Lowering the minimum never makes a budget fit that minimum 100 misses (with j = max - 100 and
 * k = 100 - min, starts = floor(Dj/100) + floor(Dk/100) for integer D, and any single term is
 * reachable at k = 0), but the sum of two terms can land closer to the budget than one term can:
 * D=150, budget 2 gives 1 start at minimum 100 and 2 at 99/101. One O(1) step per allowed minimum
 * keeps the planner at most 101 steps per service (the benchmark plans 10,000 services).
 * (__tests__/core/budget/rollout.test.ts checks it against a brute-force search.)
 *
 * desiredCount 0: nothing to roll; returns 100/200 with 0 starts and fitsBudget true (a scaled-to-zero
 * service must not be reported as over budget).
 */
export function widestPercentsWithinStartBudget(goal: RolloutGoal): RolloutPlan {
  const d = goal.desiredCount;
  const budget = goal.maxConcurrentStarts;
  assertDesired(d);
  if (!Number.isSafeInteger(budget) || budget < 0) {
    throw new RangeError(`maxConcurrentStarts must be a non-negative integer, got ${budget}`);
  }
  const floorPct = goal.minimumHealthyPercentFloor;
  if (!Number.isFinite(floorPct) || floorPct < 0 || floorPct > 100) {
    throw new RangeError(`minimumHealthyPercentFloor must be within [0, 100], got ${floorPct}`);
  }
  if (d === 0) {
    return { ...ECS_DEFAULT_PERCENTS, concurrentStarts: 0, fitsBudget: true };
  }

  // For each allowed minimum, the widest maximum whose starts stay within the budget, in integers:
  // starts(min, max) = floor(d*max/100) - ceil(d*min/100). A lower minimum only wins with strictly
  // more starts, so availability is traded away only when it buys speed.
  const lowestMinimum = Math.ceil(floorPct);
  let chosen: RolloutPlan | undefined;
  for (let minimum = 100; minimum >= lowestMinimum; minimum--) {
    const running = Math.ceil((d * minimum) / 100);
    // Largest m with floor(d*m/100) <= running + budget  <=>  d*m < 100(running + budget + 1).
    const widest = Math.min(MAX_MAXIMUM_PERCENT, Math.floor((100 * (running + budget + 1) - 1) / d));
    if (widest < MIN_PLANNED_MAXIMUM_PERCENT) continue;
    const starts = Math.floor((d * widest) / 100) - running;
    if (starts < 1 || (chosen !== undefined && starts <= chosen.concurrentStarts)) continue;
    // Smallest m reaching the same starts: d*m >= 100(running + starts).
    const maximumPercent = Math.max(MIN_PLANNED_MAXIMUM_PERCENT, Math.ceil((100 * (running + starts)) / d));
    chosen = { minimumHealthyPercent: minimum, maximumPercent, concurrentStarts: starts, fitsBudget: true };
  }
  if (chosen) return chosen;

  // Nothing fits: the fewest starts >= 1 is at the smallest m with floor(d*m/100) >= d + 1,
  // i.e. m = 100 + ceil(100/d), which is <= 200 for every d >= 1.
  const maximumPercent = Math.max(MIN_PLANNED_MAXIMUM_PERCENT, Math.ceil((100 * (d + 1)) / d));
  const fewest = Math.floor((d * maximumPercent) / 100) - d;
  return { minimumHealthyPercent: 100, maximumPercent, concurrentStarts: fewest, fitsBudget: false };
}
