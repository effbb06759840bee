/**
 * Large platforms synthesize on two threads. Every stack is planned whole and synthesized from its
 * own plan alone, so the two threads share the stacks out between them: this thread and a worker
 * thread running the same app bundle each take the next stack from one queue (largest first, a
 * counter in shared memory), build it and write it into its own stacks/<name>, until none is left,
 * so both finish together whatever slows either down. This thread then writes manifest.json with
 * both threads' stacks (cdktf writes it with sorted keys, so which thread wrote a stack cannot
 * show). Output is byte-identical to one thread (__tests__/app/parallel-synth.test.ts).
 *
 * The worker (scripts/lib/shard-worker.js) starts before this thread loads the bundle when the
 * config file is large (and a second core and the bundle file exist). This thread sends it the
 * validated config as soon as it has one (a structured clone, far cheaper than parsing the file
 * again), and both plan at the same time: cloning the plan itself would cost more than planning,
 * and planning is deterministic. Once this thread has planned and counted at least
 * PARALLEL_MIN_SERVICES services, it sends the worker the queue (the worker takes stacks by name
 * from its own plan; a stack neither thread wrote fails the synth); otherwise the worker is
 * terminated unused. PULLGUARD_THREADS=1 or 2 overrides the choice by size; HCL output and an
 * uncached bundle (PULLGUARD_NO_CACHE) always use one thread.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { isMainThread, workerData, parentPort, type Worker } from "node:worker_threads";
import { App, TerraformStack } from "cdktf";
import type { PlatformConfig } from "../config/schema";
import type { PlatformPlan } from "../core/model/plan-types";
import { stopIfInvokerGone } from "./invoker-watch";
import { synthesizeLean, synthesizeLeanOneByOne } from "./lean-synth";
import { byCodePoint } from "../core/sort";

/** How often, at most, a synth checks between stacks that its invoker still runs. */
const INVOKER_CHECK_MS = 50;

/** Below this many services a second thread costs more (loading the bundle again) than it saves. */
export const PARALLEL_MIN_SERVICES = 1500;
/** Set by scripts/lib/shard-worker.js. */
const SHARD_WORKER = Symbol.for("pullguard.shardWorker");

type ToWorker =
  | { readonly kind: "config"; readonly config: PlatformConfig }
  | { readonly kind: "synthesize"; readonly outdir: string; readonly queue: StackQueue };
/** Stack names, largest first, and the index of the next one to take (shared by both threads). */
interface StackQueue {
  readonly stacks: readonly string[];
  readonly next: Int32Array;
}
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

/** The plan's stacks, largest (most services) first: taken in this order, the last ones taken are small. */
export function stackOrder(plan: PlatformPlan): string[] {
  const weighed = [
    ...plan.registries.map((registry) => ({ name: registry.stackName, weight: 1 })),
    ...plan.environments.map((environment) => ({ name: environment.stackName, weight: 1 + environment.services.length })),
  ];
  return weighed.sort((a, b) => b.weight - a.weight || byCodePoint(a.name, b.name)).map((stack) => stack.name);
}

/** Takes stacks off the queue, building and synthesizing each into `app`, until it is empty. */
function synthesizeFromQueue(app: App, plan: PlatformPlan, queue: StackQueue, addStacks: AddStacks): void {
  synthesizeLeanOneByOne(app, () => {
    stopIfInvokerGone(INVOKER_CHECK_MS);
    const taken = Atomics.add(queue.next, 0, 1);
    if (taken >= queue.stacks.length) return false;
    addStacks(app, shardPlan(plan, new Set([queue.stacks[taken]!])));
    return true;
  });
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
 * The worker thread's side: plan the config it is sent, then take stacks off the queue it is sent
 * and report the manifest entries of those it synthesized (messages arrive in order, so the queue
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
      synthesizeFromQueue(app, plan, message.queue, addStacks);
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

/** A synth whose invoker died stops at its next stack instead of writing all of them (app/invoker-watch.ts). */
function checkBeforeSynthesizing(stack: TerraformStack): void {
  const synthesizer = stack.synthesizer;
  stack.synthesizer = {
    synthesize: (session) => {
      stopIfInvokerGone(INVOKER_CHECK_MS);
      synthesizer.synthesize(session);
    },
  };
}

function servicesIn(plan: PlatformPlan): number {
  return plan.environments.reduce((sum, environment) => sum + environment.services.length, 0);
}

/**
 * Builds and synthesizes every stack of the plan into `outdir`, on two threads when it pays.
 * `meanwhile` runs on this thread once the worker has its queue, before this thread takes stacks:
 * work done there shifts stacks to the worker instead of waiting at the end.
 */
export async function synthesizeStacks(outdir: string, plan: PlatformPlan, addStacks: AddStacks, meanwhile: () => void = () => undefined): Promise<void> {
  const app = new App({ stackTraces: false, outdir });
  const threads = process.env.PULLGUARD_THREADS;
  const twoThreads = threads === "2" || (threads !== "1" && servicesIn(plan) >= PARALLEL_MIN_SERVICES);
  const shard = twoThreads && !app.hclOutput ? handle()?.take() : undefined;
  if (!shard) {
    discardShardWorker();
    meanwhile();
    synthesizeLean(app, () => {
      addStacks(app, plan);
      for (const stack of app.node.children) if (TerraformStack.isStack(stack)) checkBeforeSynthesizing(stack);
    });
    return;
  }
  const queue: StackQueue = { stacks: stackOrder(plan), next: new Int32Array(new SharedArrayBuffer(4)) };
  // cdktf creates stacks/ unguarded against a concurrent mkdir: create it before either thread does.
  mkdirSync(join(outdir, "stacks"), { recursive: true });
  shard.worker.postMessage({ kind: "synthesize", outdir, queue } satisfies ToWorker);
  try {
    meanwhile();
    synthesizeFromQueue(app, plan, queue, addStacks);
  } catch (error) {
    // The worker stops at its next stack: the queue is empty for it.
    Atomics.store(queue.next, 0, queue.stacks.length);
    await shard.worker.terminate();
    throw error;
  }
  const result = await shard.outcome;
  await shard.worker.terminate();
  if (!result.ok) throw new Error(result.message);
  const manifestStacks = app.manifest.stacks as Record<string, unknown>;
  for (const [name, entry] of Object.entries(result.manifestStacks)) {
    if (name in manifestStacks) throw new Error(`both synth threads wrote stack ${name}`);
    manifestStacks[name] = entry;
  }
  const missing = queue.stacks.filter((name) => !(name in manifestStacks));
  if (missing.length > 0) throw new Error(`no synth thread wrote stacks ${missing.join(", ")}`);
  // Stack dependencies across the two threads: each thread's app only knew its own stacks.
  for (const planned of [...plan.registries, ...plan.environments]) {
    const entry = manifestStacks[planned.stackName] as { dependencies?: string[] } | undefined;
    if (entry) entry.dependencies = [...planned.dependsOn];
  }
  app.manifest.writeToFile();
}
