/**
 * Large platforms synthesize on two threads. Every stack is planned whole and synthesized from its
 * own plan alone, so the stacks split into two shards: this thread builds and synthesizes one, a
 * worker thread running the same app bundle the other, both writing into the output directory
 * (each stack into its own stacks/<name>), and this thread then writes manifest.json with both
 * shards' stacks (cdktf writes it with sorted keys, so shard order cannot show). Output is
 * byte-identical to one thread (__tests__/parallel-synth.test.ts).
 *
 * The worker (scripts/lib/shard-worker.js) starts before this thread loads the bundle when the
 * config file is large (and a second core and the bundle file exist). This thread sends it the
 * validated config as soon as it has one (a structured clone, far cheaper than parsing the file
 * again), and both plan at the same time: cloning the plan itself would cost more than planning,
 * and planning is deterministic. Once this thread has planned and counted at least
 * PARALLEL_MIN_SERVICES services, it names the stacks the worker synthesizes; otherwise the worker
 * is terminated unused. PULLGUARD_THREADS=1 or 2 overrides the choice by size; HCL output and an
 * uncached bundle (PULLGUARD_NO_CACHE) always use one thread.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { isMainThread, workerData, parentPort, type Worker } from "node:worker_threads";
import { App } from "cdktf";
import type { PlatformConfig } from "../../config/schema";
import type { PlatformPlan } from "../../core/plan-types";
import { synthesizeLean } from "./lean-synth";

/** Below this many services a second thread costs more (loading the bundle again) than it saves. */
export const PARALLEL_MIN_SERVICES = 1500;
/**
 * What this thread does besides its shard (sending the config, merging and writing the manifest,
 * the pull-budget report), in services' worth of synth work: its shard gets that many fewer, so
 * both threads finish together (measured at 10,000 services, docs/benchmarks.md).
 */
export const MAIN_THREAD_EXTRA_SERVICES = 300;
/** Set by scripts/lib/shard-worker.js. */
const SHARD_WORKER = Symbol.for("pullguard.shardWorker");

type ToWorker = { readonly kind: "config"; readonly config: PlatformConfig } | { readonly kind: "synthesize"; readonly outdir: string; readonly stacks: readonly string[] };
type ShardResult = { readonly ok: true; readonly manifestStacks: Record<string, unknown> } | { readonly ok: false; readonly message: string };
type AddStacks = (app: App, plan: PlatformPlan) => void;
interface ShardWorker {
  readonly worker: Worker;
  readonly outcome: Promise<ShardResult>;
}
interface ShardWorkerHandle {
  take(): ShardWorker | undefined;
  discard(): void;
  post(message: ToWorker): void;
}

function handle(): ShardWorkerHandle | undefined {
  return (globalThis as Record<symbol, unknown>)[SHARD_WORKER] as ShardWorkerHandle | undefined;
}

function stackWeights(plan: PlatformPlan): Array<{ name: string; weight: number }> {
  return [
    ...plan.registries.map((registry) => ({ name: registry.stackName, weight: 1 })),
    ...plan.environments.map((environment) => ({ name: environment.stackName, weight: 1 + environment.services.length })),
  ];
}

/**
 * Splits the stacks into two shards of about equal weight (services), deterministically; the first
 * shard starts `firstShardHandicap` services behind, for work its thread does besides synthesizing.
 */
export function splitStacks(plan: PlatformPlan, firstShardHandicap = 0): [Set<string>, Set<string>] {
  const shards: [Set<string>, Set<string>] = [new Set(), new Set()];
  const weights = [firstShardHandicap, 0];
  const byWeight = stackWeights(plan).sort((a, b) => b.weight - a.weight || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const stack of byWeight) {
    const lighter = weights[0]! <= weights[1]! ? 0 : 1;
    shards[lighter].add(stack.name);
    weights[lighter] += stack.weight;
  }
  return shards;
}

/** The plan restricted to the named stacks (findings and backends of the others do no harm). */
function shardPlan(plan: PlatformPlan, stacks: ReadonlySet<string>): PlatformPlan {
  return {
    ...plan,
    registries: plan.registries.filter((registry) => stacks.has(registry.stackName)),
    environments: plan.environments.filter((environment) => stacks.has(environment.stackName)),
  };
}

export function isShardWorker(): boolean {
  return !isMainThread && (workerData as { pullguardShard?: number } | undefined)?.pullguardShard === 1;
}

/**
 * The worker thread's side: plan the config it is sent, then build and synthesize the stacks it is
 * told to and report their manifest entries (messages arrive in order, so a request to synthesize
 * waits for the plan).
 */
export function runShardWorker(planConfig: (config: PlatformConfig) => PlatformPlan, addStacks: AddStacks): void {
  let plan: PlatformPlan | undefined;
  let planFailure: string | undefined;
  parentPort!.on("message", (message: ToWorker) => {
    if (message.kind === "config") {
      try {
        plan = planConfig(message.config);
      } catch (error) {
        planFailure = (error as Error).message;
      }
      return;
    }
    let result: ShardResult;
    try {
      if (!plan) throw new Error(planFailure ?? "the synth worker thread got no config");
      const app = new App({ stackTraces: false, outdir: message.outdir });
      const planned = plan;
      synthesizeLean(app, () => addStacks(app, shardPlan(planned, new Set(message.stacks))));
      result = { ok: true, manifestStacks: app.manifest.stacks as Record<string, unknown> };
    } catch (error) {
      result = { ok: false, message: (error as Error).message };
    }
    parentPort!.postMessage(result);
  });
}

/**
 * Hands the validated config to a worker started early, so that it plans while this thread does.
 * Called as soon as the config is valid; does nothing when no worker was started early.
 */
export function shareConfig(config: PlatformConfig): void {
  handle()?.post({ kind: "config", config });
}

/** Terminates a worker started early that no synth took (a refused config, a crash). */
export function discardShardWorker(): void {
  handle()?.discard();
}

function servicesIn(plan: PlatformPlan): number {
  return plan.environments.reduce((sum, environment) => sum + environment.services.length, 0);
}

/** Builds and synthesizes every stack of the plan into `outdir`, on two threads when it pays. */
export async function synthesizeStacks(outdir: string, plan: PlatformPlan, addStacks: AddStacks): Promise<void> {
  const app = new App({ stackTraces: false, outdir });
  const threads = process.env.PULLGUARD_THREADS;
  const twoThreads = threads === "2" || (threads !== "1" && servicesIn(plan) >= PARALLEL_MIN_SERVICES);
  const shard = twoThreads && !app.hclOutput ? handle()?.take() : undefined;
  if (!shard) {
    discardShardWorker();
    synthesizeLean(app, () => addStacks(app, plan));
    return;
  }
  const [here, there] = splitStacks(plan, MAIN_THREAD_EXTRA_SERVICES);
  // cdktf creates stacks/ unguarded against a concurrent mkdir: create it before either thread does.
  mkdirSync(join(outdir, "stacks"), { recursive: true });
  shard.worker.postMessage({ kind: "synthesize", outdir, stacks: [...there] } satisfies ToWorker);
  try {
    synthesizeLean(app, () => addStacks(app, shardPlan(plan, here)));
  } catch (error) {
    await shard.worker.terminate();
    throw error;
  }
  const result = await shard.outcome;
  await shard.worker.terminate();
  if (!result.ok) throw new Error(result.message);
  const names = Object.keys(result.manifestStacks).sort();
  const expected = [...there].sort();
  if (names.length !== expected.length || names.some((name, k) => name !== expected[k])) {
    throw new Error(`the synth worker thread wrote stacks ${names.join(", ")} instead of ${expected.join(", ")}`);
  }
  const manifestStacks = app.manifest.stacks as Record<string, unknown>;
  for (const [name, entry] of Object.entries(result.manifestStacks)) manifestStacks[name] = entry;
  // Stack dependencies across the two shards: each shard's app only knew its own stacks.
  for (const planned of [...plan.registries, ...plan.environments]) {
    const entry = manifestStacks[planned.stackName] as { dependencies?: string[] } | undefined;
    if (entry) entry.dependencies = [...planned.dependsOn];
  }
  app.manifest.writeToFile();
}
