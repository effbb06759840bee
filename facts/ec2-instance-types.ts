/**
 * vCPUs and installed memory of the EC2 instance types pullguard knows, the one home of these
 * numbers (docs/aws-facts.md, "EC2 instance sizes"). The c, m and r families below keep one memory
 * ratio across their sizes (2, 4 and 8 GiB per vCPU) and name sizes by vCPU count (large 2,
 * xlarge 4, Nxlarge 4N, medium 1 where offered); burstable sizes are irregular and listed one by
 * one. Other families (c5n, x2gd, z1d, GPU, storage, metal sizes) are not listed: their tasks are
 * not checked against the instance, and a warning says so.
 */

export interface InstanceSize {
  readonly vcpus: number;
  readonly memoryMiB: number;
}

const GIB = 1024;

/** GiB per vCPU of each family whose every size follows the family ratio. */
const MEMORY_PER_VCPU_GIB: Readonly<Record<string, number>> = Object.freeze({
  ...Object.fromEntries(
    ["c5", "c5a", "c5d", "c6a", "c6g", "c6gd", "c6gn", "c6i", "c6id", "c6in", "c7a", "c7g", "c7gd", "c7gn", "c7i", "c7i-flex", "c8g"].map((f) => [f, 2]),
  ),
  ...Object.fromEntries(["m5", "m5a", "m5ad", "m5d", "m6a", "m6g", "m6gd", "m6i", "m6id", "m7a", "m7g", "m7gd", "m7i", "m7i-flex", "m8g"].map((f) => [f, 4])),
  ...Object.fromEntries(["r5", "r5a", "r5ad", "r5d", "r6a", "r6g", "r6gd", "r6i", "r6id", "r7a", "r7g", "r7gd", "r7i", "r8g"].map((f) => [f, 8])),
});

/** Families offering a 1-vCPU `medium` size (Graviton, and the 7th-generation AMD families). */
const HAS_MEDIUM = new Set(["c6g", "c6gd", "c6gn", "c7a", "c7g", "c7gd", "c7gn", "c8g", "m6g", "m6gd", "m7a", "m7g", "m7gd", "m8g", "r6g", "r6gd", "r7a", "r7g", "r7gd", "r8g"]);

/** Burstable sizes: 2 vCPUs from nano to large, then 4 and 8. */
const BURSTABLE: Readonly<Record<string, InstanceSize>> = Object.freeze({
  nano: { vcpus: 2, memoryMiB: 512 },
  micro: { vcpus: 2, memoryMiB: 1 * GIB },
  small: { vcpus: 2, memoryMiB: 2 * GIB },
  medium: { vcpus: 2, memoryMiB: 4 * GIB },
  large: { vcpus: 2, memoryMiB: 8 * GIB },
  xlarge: { vcpus: 4, memoryMiB: 16 * GIB },
  "2xlarge": { vcpus: 8, memoryMiB: 32 * GIB },
});
const BURSTABLE_FAMILIES = new Set(["t3", "t3a", "t4g"]);

function vcpusOfSize(family: string, size: string): number | undefined {
  if (size === "medium") return HAS_MEDIUM.has(family) ? 1 : undefined;
  if (size === "large") return 2;
  if (size === "xlarge") return 4;
  const multiple = /^([1-9]\d*)xlarge$/.exec(size);
  return multiple ? 4 * Number(multiple[1]) : undefined;
}

/** vCPUs and installed memory of an instance type, or undefined when pullguard does not know it. */
export function instanceSize(instanceType: string): InstanceSize | undefined {
  const [family = "", size = ""] = instanceType.split(".");
  if (BURSTABLE_FAMILIES.has(family)) return BURSTABLE[size];
  const ratio = MEMORY_PER_VCPU_GIB[family];
  if (ratio === undefined) return undefined;
  const vcpus = vcpusOfSize(family, size);
  return vcpus === undefined ? undefined : { vcpus, memoryMiB: vcpus * ratio * GIB };
}

/** The agent registers 1024 CPU units per vCPU (ECS developer guide, task size). */
export const CPU_UNITS_PER_VCPU = 1024;

/**
 * ECS_RESERVED_MEMORY: MiB the agent keeps back from tasks; 0 unless ecs.config sets it, and
 * pullguard's user data does not (ECS developer guide, container agent configuration).
 */
export const ECS_RESERVED_MEMORY_MIB = 0;

/**
 * The agent registers the memory the OS reports, less than installed (kernel and platform
 * overhead: an m4.large with 8192 MiB installed registered 7985 in AWS's example), by an amount
 * AWS does not publish per type. AWS recommends a 5% buffer (AWS Batch, "Reserve system memory"),
 * so a task above 95% of installed memory may never be placed: a warning, not a refusal.
 */
export const MEMORY_HEADROOM_PERCENT = 5;

export type TaskFit =
  | { readonly kind: "cpu-over"; readonly limit: number }
  | { readonly kind: "memory-over"; readonly limit: number }
  | { readonly kind: "memory-tight"; readonly limit: number; readonly available: number };

/** What keeps a task of this size off one instance of this size, if anything. */
export function taskFit(cpu: number, memoryMiB: number, size: InstanceSize): TaskFit[] {
  const fits: TaskFit[] = [];
  const cpuLimit = size.vcpus * CPU_UNITS_PER_VCPU;
  if (cpu > cpuLimit) fits.push({ kind: "cpu-over", limit: cpuLimit });
  const memoryLimit = size.memoryMiB - ECS_RESERVED_MEMORY_MIB;
  const comfortable = Math.floor((memoryLimit * (100 - MEMORY_HEADROOM_PERCENT)) / 100);
  if (memoryMiB > memoryLimit) fits.push({ kind: "memory-over", limit: memoryLimit });
  else if (memoryMiB > comfortable) fits.push({ kind: "memory-tight", limit: comfortable, available: memoryLimit });
  return fits;
}
