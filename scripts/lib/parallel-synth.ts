/**
 * Large platforms synthesize on two threads. Every stack is planned whole and synthesized from its
 * own plan alone, so the stacks split into two shards: this thread builds and synthesizes one, a
 * worker thread running the same app bundle the other, both writing into the output directory
 * (each stack into its own stacks/<name>), and this thread then writes manifest.json with both
 * shards' stacks (cdktf writes it with sorted keys, so shard order cannot show). The worker plans
 * again from the same config rather than receive the plan: cloning a plan of 10,000 services
 * across threads costs more than planning it. Output is byte-identical to one thread
 * (__tests__/parallel-synth.test.ts). PULLGUARD_THREADS=1 or 2 overrides the choice by size; HCL
 * output and an uncached bundle (PULLGUARD_NO_CACHE) always use one thread.
 */
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { isMainThread, Worker, workerData, parentPort } from "node:worker_threads";
import { App } from "cdktf";
import type { PlatformPlan } from "../../core/plan-types";
import { synthesizeLean } from "./lean-synth";

/** Below this many services a second thread costs more (loading the bundle again) than it saves. */
export const PARALLEL_MIN_SERVICES = 1500;
/** Set by scripts/lib/app-bundle.js: the bundle file a worker thread can load. */
const BUNDLE_FILE = Symbol.for("pullguard.bundleFile");
/** Set there too: the module that loads the bundle with its code cache (scripts/lib/app-bundle.js). */
const BUNDLE_LOADER = Symbol.for("pullguard.bundleLoader");

interface ShardRequest {
  readonly pullguardShard: 1;
  readonly outdir: string;
  readonly stacks: readonly string[];
}
type ShardResult = { readonly ok: true; readonly manifestStacks: Record<string, unknown> } | { readonly ok: false; readonly message: string };
type AddStacks = (app: App, plan: PlatformPlan) => void;

function stackNames(plan: PlatformPlan): Array<{ name: string; weight: number }> {
  return [
    ...plan.registries.map((registry) => ({ name: registry.stackName, weight: 1 })),
    ...plan.environments.map((environment) => ({ name: environment.stackName, weight: 1 + environment.services.length })),
  ];
}

/** Splits the stacks into two shards of about equal weight (services), deterministically. */
export function splitStacks(plan: PlatformPlan): [Set<string>, Set<string>] {
  const shards: [Set<string>, Set<string>] = [new Set(), new Set()];
  const weights = [0, 0];
  const byWeight = stackNames(plan).sort((a, b) => b.weight - a.weight || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
  return !isMainThread && (workerData as ShardRequest | undefined)?.pullguardShard === 1;
}

/** The worker thread's side: plan, build and synthesize the requested stacks, report the manifest entries. */
export function runShardWorker(planFromEnv: () => PlatformPlan, addStacks: AddStacks): void {
  const request = workerData as ShardRequest;
  let result: ShardResult;
  try {
    const app = new App({ stackTraces: false, outdir: request.outdir });
    synthesizeLean(app, () => addStacks(app, shardPlan(planFromEnv(), new Set(request.stacks))));
    result = { ok: true, manifestStacks: app.manifest.stacks as Record<string, unknown> };
  } catch (error) {
    result = { ok: false, message: (error as Error).message };
  }
  parentPort!.postMessage(result);
}

function servicesIn(plan: PlatformPlan): number {
  return plan.environments.reduce((sum, environment) => sum + environment.services.length, 0);
}

/** Builds and synthesizes every stack of the plan into `outdir`, on two threads when it pays. */
export async function synthesizeStacks(outdir: string, plan: PlatformPlan, addStacks: AddStacks): Promise<void> {
  const bundleFile = (globalThis as Record<symbol, unknown>)[BUNDLE_FILE];
  const app = new App({ stackTraces: false, outdir });
  const threads = process.env.PULLGUARD_THREADS;
  const twoThreads = threads === "2" || (threads !== "1" && servicesIn(plan) >= PARALLEL_MIN_SERVICES && availableParallelism() >= 2);
  if (typeof bundleFile !== "string" || typeof (globalThis as Record<symbol, unknown>)[BUNDLE_LOADER] !== "string" || app.hclOutput || !twoThreads) {
    synthesizeLean(app, () => addStacks(app, plan));
    return;
  }
  const [here, there] = splitStacks(plan);
  // cdktf creates stacks/ unguarded against a concurrent mkdir: create it before either thread does.
  mkdirSync(join(outdir, "stacks"), { recursive: true });
  const request: ShardRequest = { pullguardShard: 1, outdir, stacks: [...there] };
  // The worker loads the bundle as scripts/app.js does, with V8's code cache: compiling 4 MB of
  // JavaScript afresh would cost it half a second.
  const loader = `require(${JSON.stringify((globalThis as Record<symbol, unknown>)[BUNDLE_LOADER])}).runApp();`;
  const worker = new Worker(loader, { eval: true, workerData: request, resourceLimits: { maxYoungGenerationSizeMb: 192 } });
  const remote = new Promise<ShardResult>((resolve) => {
    worker.once("message", (result: ShardResult) => resolve(result));
    worker.once("error", (error) => resolve({ ok: false, message: error.message }));
    worker.once("exit", (code) => resolve({ ok: false, message: `the synth worker thread exited with code ${code}` }));
  });
  try {
    synthesizeLean(app, () => addStacks(app, shardPlan(plan, here)));
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const result = await remote;
  await worker.terminate();
  if (!result.ok) throw new Error(result.message);
  const manifestStacks = app.manifest.stacks as Record<string, unknown>;
  for (const [name, entry] of Object.entries(result.manifestStacks)) manifestStacks[name] = entry;
  // Stack dependencies across the two shards: each shard's app only knew its own stacks.
  for (const planned of [...plan.registries, ...plan.environments]) {
    const entry = manifestStacks[planned.stackName] as { dependencies?: string[] } | undefined;
    if (entry) entry.dependencies = [...planned.dependsOn];
  }
  app.manifest.writeToFile();
}
