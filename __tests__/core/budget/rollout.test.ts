import {
  circuitBreakerThreshold,
  concurrentStarts,
  ECS_DEFAULT_PERCENTS,
  widestPercentsWithinStartBudget,
  MAX_MAXIMUM_PERCENT,
  RolloutGoal,
  RolloutPlan,
  runningFloor,
  taskCeiling,
} from "../../../core/budget/rollout";

describe("ECS rolling-update arithmetic (aws-facts.md, ECS deployments)", () => {
  it.each([
    // desired, max, min, starts
    [50, 200, 100, 50],
    [100, 125, 75, 50],
    [10, 150, 100, 5],
    [2, 125, 100, 0],
  ])("D=%i at %i/%i starts %i tasks at once", (desired, max, min, expected) => {
    expect(concurrentStarts(desired, { maximumPercent: max, minimumHealthyPercent: min })).toBe(expected);
  });

  it("rounds the running floor up and the task ceiling down", () => {
    expect(runningFloor(3, 50)).toBe(2); // ceil(1.5)
    expect(taskCeiling(3, 150)).toBe(4); // floor(4.5)
    expect(runningFloor(10, 100)).toBe(10);
    expect(taskCeiling(10, 100)).toBe(10);
  });

  it("does not lose a task to float noise on non-integer percents", () => {
    // 3 * 33.3333... / 100 is 1 up to rounding error; ceil must not make it 2.
    expect(runningFloor(3, 100 / 3)).toBe(1);
    expect(taskCeiling(3, 100 / 3)).toBe(1);
  });

  it("never reports negative starts", () => {
    expect(concurrentStarts(10, { maximumPercent: 100, minimumHealthyPercent: 100 })).toBe(0);
    expect(concurrentStarts(10, { maximumPercent: 50, minimumHealthyPercent: 100 })).toBe(0);
    expect(concurrentStarts(0, ECS_DEFAULT_PERCENTS)).toBe(0);
  });

  it("uses the REPLICA defaults 200/100", () => {
    expect(ECS_DEFAULT_PERCENTS).toEqual({ minimumHealthyPercent: 100, maximumPercent: 200 });
    expect(MAX_MAXIMUM_PERCENT).toBe(200);
  });

  it.each([
    [0, 3],
    [1, 3],
    [6, 3],
    [7, 4],
    [10, 5],
    [399, 200],
    [400, 200],
    [1000, 200],
  ])("circuit breaker threshold for D=%i is %i", (desired, expected) => {
    expect(circuitBreakerThreshold(desired)).toBe(expected);
  });

  it("rejects impossible inputs", () => {
    expect(() => runningFloor(-1, 100)).toThrow(RangeError);
    expect(() => runningFloor(1.5, 100)).toThrow(RangeError);
    expect(() => taskCeiling(10, Number.NaN)).toThrow(RangeError);
    expect(() => concurrentStarts(10, { maximumPercent: -5, minimumHealthyPercent: 100 })).toThrow(RangeError);
  });
});

/**
 * Independent oracle for widestPercentsWithinStartBudget: brute force over every integer (min, max) the rule allows,
 * exactly as the rule is worded (most starts within the budget over every minimum from 100 down to the
 * floor, then the highest minimum, then the smallest maximum; if nothing fits, the fewest starts >= 1, preferring the highest minimum, then the
 * smallest maximum).
 */
function oracle(goal: RolloutGoal): RolloutPlan {
  const d = goal.desiredCount;
  const lowestMin = Math.ceil(goal.minimumHealthyPercentFloor);
  let best: RolloutPlan | undefined;
  for (let min = 100; min >= lowestMin; min--) {
    for (let max = 100; max <= 200; max++) {
      const s = Math.floor((d * max) / 100) - Math.ceil((d * min) / 100);
      if (s >= 1 && s <= goal.maxConcurrentStarts && (best === undefined || s > best.concurrentStarts)) {
        best = { minimumHealthyPercent: min, maximumPercent: max, concurrentStarts: s, fitsBudget: true };
      }
    }
  }
  if (best) return best;
  let fallback: RolloutPlan | undefined;
  for (let min = 100; min >= lowestMin; min--) {
    for (let max = 100; max <= 200; max++) {
      const s = Math.floor((d * max) / 100) - Math.ceil((d * min) / 100);
      if (s >= 1 && (fallback === undefined || s < fallback.concurrentStarts)) {
        fallback = { minimumHealthyPercent: min, maximumPercent: max, concurrentStarts: s, fitsBudget: false };
      }
    }
  }
  if (!fallback) throw new Error(`oracle: no plan at all for ${JSON.stringify(goal)}`);
  return fallback;
}

describe("widestPercentsWithinStartBudget", () => {
  const goal = (desiredCount: number, maxConcurrentStarts: number, minimumHealthyPercentFloor = 100): RolloutGoal => ({
    desiredCount,
    maxConcurrentStarts,
    minimumHealthyPercentFloor,
  });

  it.each([
    // desired, budget, max, starts
    [1, 25, 200, 1],
    [2, 25, 200, 2],
    [3, 25, 200, 3],
    [10, 25, 200, 10],
    [50, 25, 150, 25],
    [100, 25, 125, 25],
    [1000, 25, 102, 20], // 103 would start 30 > 25
  ])("D=%i budget %i -> 100/%i starting %i", (desired, budget, max, starts) => {
    expect(widestPercentsWithinStartBudget(goal(desired, budget))).toEqual({
      minimumHealthyPercent: 100,
      maximumPercent: max,
      concurrentStarts: starts,
      fitsBudget: true,
    });
  });

  it("prefers the smallest maximumPercent among equally wide ones (D=50: 150 and 151 both start 25)", () => {
    expect(concurrentStarts(50, { minimumHealthyPercent: 100, maximumPercent: 151 })).toBe(25);
    expect(widestPercentsWithinStartBudget(goal(50, 25)).maximumPercent).toBe(150);
  });

  it("is the widest, not always the fastest: D=10 at budget 6 starts 6 (100/160), as many waves as 5 (100/150)", () => {
    // 100/160: floor(10x160/100) - 10 = 6; ceil(10/6) = 2 waves. 100/150: 15 - 10 = 5; ceil(10/5) = 2 waves.
    expect(widestPercentsWithinStartBudget(goal(10, 6))).toEqual({ minimumHealthyPercent: 100, maximumPercent: 160, concurrentStarts: 6, fitsBudget: true });
    expect(widestPercentsWithinStartBudget(goal(10, 5))).toEqual({ minimumHealthyPercent: 100, maximumPercent: 150, concurrentStarts: 5, fitsBudget: true });
  });

  it("reports D=1000 with budget 5 as not fitting, with the slowest plan (10 starts), whatever the floor", () => {
    const expected: RolloutPlan = { minimumHealthyPercent: 100, maximumPercent: 101, concurrentStarts: 10, fitsBudget: false };
    expect(widestPercentsWithinStartBudget(goal(1000, 5, 100))).toEqual(expected);
    // Lowering the minimum cannot help: 99/100 also starts 10 (each percent point is 10 tasks).
    expect(concurrentStarts(1000, { minimumHealthyPercent: 99, maximumPercent: 100 })).toBe(10);
    expect(widestPercentsWithinStartBudget(goal(1000, 5, 90))).toEqual(expected);
    expect(widestPercentsWithinStartBudget(goal(1000, 5, 0))).toEqual(expected);
  });

  const desireds = [1, 2, 3, 7, 10, 50, 99, 100, 101, 150, 250, 333, 1000];
  const budgets = [1, 5, 25, 100];
  const floors = [100, 90, 50];
  const table = desireds.flatMap((d) => budgets.flatMap((b) => floors.map((f) => [d, b, f] as const)));

  it.each(table)("D=%i budget %i floor %i matches the brute-force rule", (d, b, f) => {
    const plan = widestPercentsWithinStartBudget(goal(d, b, f));
    expect(plan).toEqual(oracle(goal(d, b, f)));
    // The plan's own figure is what ECS would do with those percents.
    expect(concurrentStarts(d, plan)).toBe(plan.concurrentStarts);
    expect(plan.maximumPercent).toBeGreaterThanOrEqual(100);
    expect(plan.maximumPercent).toBeLessThanOrEqual(MAX_MAXIMUM_PERCENT);
    expect(plan.concurrentStarts).toBeGreaterThanOrEqual(1);
    if (plan.fitsBudget) expect(plan.concurrentStarts).toBeLessThanOrEqual(b);
    else expect(plan.concurrentStarts).toBeGreaterThan(b);
  });

  it("marks exactly the large services with small budgets as not fitting", () => {
    const misfits = desireds
      .flatMap((d) => budgets.map((b) => ({ d, b, plan: widestPercentsWithinStartBudget(goal(d, b)) })))
      .filter((x) => !x.plan.fitsBudget)
      .map((x) => `${x.d}/${x.b}:${x.plan.concurrentStarts}`);
    // Smallest step is floor(D/100) tasks per percent point once D >= 100.
    expect(misfits).toEqual(["250/1:2", "333/1:3", "1000/1:10", "1000/5:10"]);
  });

  it("plans nothing for a scaled-to-zero service and does not flag it", () => {
    expect(widestPercentsWithinStartBudget(goal(0, 5))).toEqual({
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      concurrentStarts: 0,
      fitsBudget: true,
    });
  });

  it("treats a zero budget as nothing fits and returns the slowest rollout", () => {
    expect(widestPercentsWithinStartBudget(goal(10, 0))).toEqual({
      minimumHealthyPercent: 100,
      maximumPercent: 110,
      concurrentStarts: 1,
      fitsBudget: false,
    });
  });

  it("rejects impossible goals", () => {
    expect(() => widestPercentsWithinStartBudget(goal(10, -1))).toThrow(RangeError);
    expect(() => widestPercentsWithinStartBudget(goal(10, 2.5))).toThrow(RangeError);
    expect(() => widestPercentsWithinStartBudget(goal(10, 5, 101))).toThrow(RangeError);
    expect(() => widestPercentsWithinStartBudget(goal(-3, 5))).toThrow(RangeError);
  });
});
