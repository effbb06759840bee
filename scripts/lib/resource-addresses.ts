import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { byCodePoint } from "../../core/sort";
import type { MovedBlock, ReplacedOnPurpose } from "../../core/upgrade";

/**
 * The resource addresses a release's examples synthesize: example -> stack -> sorted "type.id".
 * Read from the golden tree (__tests__/golden/<example>/stacks/<stack>/cdk.tf.json), which is what
 * the release's code writes for each example. docs/upgrading.md: these are a contract.
 */
export type AddressBook = Record<string, Record<string, string[]>>;

export interface AddressFile {
  readonly pullguardVersion: string;
  readonly examples: AddressBook;
}

export function addressesOfGoldenTree(goldenDir: string): AddressBook {
  const book: AddressBook = {};
  for (const example of readdirSync(goldenDir).sort(byCodePoint)) {
    const stacksDir = join(goldenDir, example, "stacks");
    if (!existsSync(stacksDir)) continue;
    const stacks: Record<string, string[]> = {};
    for (const stack of readdirSync(stacksDir).sort(byCodePoint)) {
      const file = join(stacksDir, stack, "cdk.tf.json");
      if (!existsSync(file)) continue;
      stacks[stack] = resourceAddresses(JSON.parse(readFileSync(file, "utf8")) as { resource?: Record<string, Record<string, unknown>> });
    }
    book[example] = stacks;
  }
  return book;
}

/** The `moved` blocks each stack of the golden tree declares: example -> stack -> blocks. */
export function movedBlocksOfGoldenTree(goldenDir: string): Record<string, Record<string, MovedBlock[]>> {
  const out: Record<string, Record<string, MovedBlock[]>> = {};
  for (const example of readdirSync(goldenDir).sort(byCodePoint)) {
    const stacksDir = join(goldenDir, example, "stacks");
    if (!existsSync(stacksDir)) continue;
    out[example] = {};
    for (const stack of readdirSync(stacksDir).sort(byCodePoint)) {
      const file = join(stacksDir, stack, "cdk.tf.json");
      if (existsSync(file)) out[example]![stack] = ((JSON.parse(readFileSync(file, "utf8")) as { moved?: MovedBlock[] }).moved ?? []).map((b) => ({ from: b.from, to: b.to }));
    }
  }
  return out;
}

/** Managed resource addresses of one stack's Terraform JSON, sorted. */
export function resourceAddresses(stackJson: { resource?: Record<string, Record<string, unknown>> }): string[] {
  const out: string[] = [];
  for (const [type, byId] of Object.entries(stackJson.resource ?? {})) for (const id of Object.keys(byId)) out.push(`${type}.${id}`);
  return out.sort(byCodePoint);
}

export interface AddressChange {
  readonly example: string;
  readonly stack: string;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/** Per example and stack of the earlier release, what the current tree removed and added. */
export function addressChanges(before: AddressBook, after: AddressBook): AddressChange[] {
  const changes: AddressChange[] = [];
  for (const example of Object.keys(before).sort(byCodePoint)) {
    for (const stack of Object.keys(before[example]!).sort(byCodePoint)) {
      const old = new Set(before[example]![stack]);
      const now = new Set(after[example]?.[stack] ?? []);
      const removed = [...old].filter((a) => !now.has(a));
      const added = [...now].filter((a) => !old.has(a));
      if (removed.length > 0 || added.length > 0) changes.push({ example, stack, removed, added });
    }
  }
  return changes;
}

/**
 * The contract (docs/upgrading.md): an address of the earlier release that the current tree no
 * longer synthesizes must be moved (a chain of the stack's `moved` blocks leads from it to an
 * address the stack holds) or be listed as replaced on purpose with a reason. One line per breach.
 */
export function contractViolations(
  before: AddressBook,
  after: AddressBook,
  moved: Record<string, Record<string, readonly MovedBlock[]>>,
  onPurpose: readonly ReplacedOnPurpose[],
): string[] {
  const lines: string[] = [];
  const goneExamples = new Set<string>();
  for (const change of addressChanges(before, after)) {
    const { example, stack } = change;
    if (after[example] === undefined) {
      if (!goneExamples.has(example)) lines.push(`${example}: the example is gone; keep it, or regenerate the addresses for the release that drops it`);
      goneExamples.add(example);
      continue;
    }
    const present = new Set(after[example]![stack] ?? []);
    const blocks = moved[example]?.[stack] ?? [];
    for (const address of change.removed) {
      if (movesToPresent(address, blocks, present)) continue;
      if (onPurpose.some((p) => p.stack === stack && p.address === address && p.reason.trim() !== "")) continue;
      const type = address.slice(0, address.indexOf("."));
      const sameType = change.added.filter((a) => a.startsWith(`${type}.`));
      const where = `${example}: stack ${stack}`;
      if (!(stack in after[example]!)) lines.push(`${where} is no longer synthesized: ${address} would be orphaned in its state`);
      else if (sameType.length > 0) lines.push(`${where}: ${address} is replaced by ${sameType.join(" or ")}; add a RESOURCE_MOVES entry (core/upgrade) or a REPLACED_ON_PURPOSE entry with a reason`);
      else lines.push(`${where}: ${address} is removed (terraform would destroy it); add a REPLACED_ON_PURPOSE entry with a reason (core/upgrade)`);
    }
  }
  return lines;
}

function movesToPresent(address: string, blocks: readonly MovedBlock[], present: ReadonlySet<string>): boolean {
  let current = address;
  for (let steps = 0; steps <= blocks.length; steps++) {
    const next = blocks.find((b) => b.from === current);
    if (!next) return false;
    if (present.has(next.to)) return true;
    current = next.to;
  }
  return false;
}
