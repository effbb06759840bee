import {
  DEFAULT_FARGATE_QUOTAS,
  launchBurst,
  launchSeconds,
  peakTasks,
  peakVcpu,
  tasksPerCapacity,
  vcpuAllowance,
  widestFit,
} from "../../../core/budget/fargate";
import type { FargateServiceShape } from "../../../core/model/fargate-types";

/** Hand-computed Fargate figures: task vCPU = cpu / 1024; peaks per deployment strategy; launch buckets 100 burst, 20/s. */
const rolling: FargateServiceShape = {
  cpu: 1024,
  fleet: 10,
  strategy: "ROLLING",
  minimumHealthyPercent: 100,
  maximumPercent: 200,
  capacity: [],
  deployStarts: 10,
  scaleOutStarts: 0,
};

describe("the quotas", () => {
  test("defaults: 4000 vCPU each, L-3032A538 On-Demand, L-36FBB829 Spot, buckets 100 burst 20/s", () => {
    expect(DEFAULT_FARGATE_QUOTAS.FARGATE).toEqual({ vcpu: 4000, vcpuQuotaCode: "L-3032A538", vcpuQuotaName: "Fargate On-Demand vCPU resource count", launch: { burst: 100, rate: 20 } });
    expect(DEFAULT_FARGATE_QUOTAS.FARGATE_SPOT).toEqual({ vcpu: 4000, vcpuQuotaCode: "L-36FBB829", vcpuQuotaName: "Fargate Spot vCPU resource count", launch: { burst: 100, rate: 20 } });
  });
});

describe("tasks per capacity", () => {
  test("no strategy: every task on FARGATE", () => {
    expect(tasksPerCapacity(rolling, 7)).toEqual({ FARGATE: 7, FARGATE_SPOT: 0 });
  });

  test("base 2 on FARGATE, weights 1:3: 42 tasks -> FARGATE 2 + ceil(40/4) = 12, Spot ceil(40*3/4) = 30", () => {
    const shape = { capacity: [{ provider: "FARGATE", base: 2, weight: 1 }, { provider: "FARGATE_SPOT", base: 0, weight: 3 }] };
    expect(tasksPerCapacity(shape, 42)).toEqual({ FARGATE: 12, FARGATE_SPOT: 30 });
  });
});

describe("peak tasks and vCPU", () => {
  test("ROLLING 10 at 100/200: floor(10*200/100) = 20 tasks of 1 vCPU = 20 vCPU", () => {
    expect(peakTasks(rolling)).toEqual({ FARGATE: 20, FARGATE_SPOT: 0 });
    expect(peakVcpu(rolling)).toEqual({ FARGATE: 20, FARGATE_SPOT: 0 });
  });

  test("ROLLING 10 at 100/150 with 512 units: 15 tasks x 0.5 = 7.5 vCPU", () => {
    expect(peakVcpu({ ...rolling, cpu: 512, maximumPercent: 150 })).toEqual({ FARGATE: 7.5, FARGATE_SPOT: 0 });
  });

  test("BLUE_GREEN 10: blue 10 + green 10 = 20 tasks, whatever the percents", () => {
    expect(peakTasks({ ...rolling, strategy: "BLUE_GREEN", maximumPercent: 100 })).toEqual({ FARGATE: 20, FARGATE_SPOT: 0 });
  });

  test("the old deployment thinned to its floor can cost more: F=4 at 75/200, weights 1:1", () => {
    // T = 8. Old whole: n(4) + n(4) = 2 + 2 per capacity. Old at ceil(4*0.75) = 3: n(3) + n(5) = 2 + 3 = 5.
    const shape = { ...rolling, fleet: 4, minimumHealthyPercent: 75, capacity: [{ provider: "FARGATE", base: 0, weight: 1 }, { provider: "FARGATE_SPOT", base: 0, weight: 1 }] };
    expect(peakTasks(shape)).toEqual({ FARGATE: 5, FARGATE_SPOT: 5 });
  });

  test("base counts once per deployment: F=42 at 100/200, FARGATE base 2 w1, Spot w3 -> FARGATE 12+12, Spot 30+30", () => {
    const shape = { ...rolling, fleet: 42, capacity: [{ provider: "FARGATE", base: 2, weight: 1 }, { provider: "FARGATE_SPOT", base: 0, weight: 3 }] };
    expect(peakTasks(shape)).toEqual({ FARGATE: 24, FARGATE_SPOT: 60 });
  });
});

describe("what fits", () => {
  test("F=41 of 1 vCPU at 200% against 80 vCPU: maximumPercent 197 (floor(41*1.97) = 80), fleet 40 (80 at 200%)", () => {
    expect(widestFit({ ...rolling, fleet: 41 }, { FARGATE: 80, FARGATE_SPOT: 0 })).toEqual({ maximumPercent: 197, fleet: 40 });
  });

  test("nothing fits at 100% either: F=100 against 80 vCPU -> no maximumPercent, fleet 40", () => {
    expect(widestFit({ ...rolling, fleet: 100 }, { FARGATE: 80, FARGATE_SPOT: 0 })).toEqual({ fleet: 40 });
  });

  test("BLUE_GREEN offers the fleet only: 2F <= 80 -> 40", () => {
    expect(widestFit({ ...rolling, fleet: 100, strategy: "CANARY" }, { FARGATE: 80, FARGATE_SPOT: 0 })).toEqual({ fleet: 40 });
  });

  test("a task larger than the allowance: fleet 0", () => {
    expect(widestFit({ ...rolling, cpu: 4096 }, { FARGATE: 3, FARGATE_SPOT: 0 })).toEqual({ fleet: 0 });
  });

  test("allowance: share x quota minus the others, never below 0", () => {
    expect(vcpuAllowance(DEFAULT_FARGATE_QUOTAS, 0.8, { FARGATE: 100, FARGATE_SPOT: 4000 })).toEqual({ FARGATE: 3100, FARGATE_SPOT: 0 });
  });
});

describe("launch buckets", () => {
  test("within the burst: 0 s; 130 tasks: 100 at once, 30 more at 20/s -> ceil(1.5) = 2 s", () => {
    expect(launchSeconds(100, { burst: 100, rate: 20 })).toBe(0);
    expect(launchSeconds(130, { burst: 100, rate: 20 })).toBe(2);
  });

  test("the larger of the deployment and the scale-out step, split by capacity (weights 1:1, ceil)", () => {
    const shape = { ...rolling, deployStarts: 9, scaleOutStarts: 30, capacity: [{ provider: "FARGATE", base: 0, weight: 1 }, { provider: "FARGATE_SPOT", base: 0, weight: 1 }] };
    expect(launchBurst(shape)).toEqual({ FARGATE: 15, FARGATE_SPOT: 15 });
  });
});
