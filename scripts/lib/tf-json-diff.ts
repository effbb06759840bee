/**
 * The semantic diff behind `npm run diff`: compares two sets of synthesized stacks
 * (`cdktf.out/stacks/<stack>/cdk.tf.json`, parsed) block by block and attribute by attribute.
 * Pure and deterministic: no I/O, every list sorted, so the same inputs give the same result.
 *
 * Split by concern: tf-json-diff-blocks.ts reads a stack into blocks (and drops cdktf's `"//"`
 * comments), tf-json-diff-values.ts compares two block bodies, this file pairs stacks and blocks
 * and counts resources, tf-json-diff-text.ts renders the report.
 */
import { blocksOf, compareBlocks, compareCodeUnits, type Block, type BlockKind, type TfJson } from "./tf-json-diff-blocks";
import { diffValues, type AttributeChange, type Change } from "./tf-json-diff-values";

export interface BlockDiff {
  readonly kind: BlockKind;
  /** Terraform-style address: `aws_iam_role.x`, `data.aws_region.current`, `variable.tag`, `provider.aws`, `terraform`. */
  readonly address: string;
  readonly change: Change;
  /** For `changed` blocks: what changed inside, in document order. Empty for added and removed blocks. */
  readonly attributes: readonly AttributeChange[];
}

export interface ResourceCounts {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

export interface StackDiff {
  readonly stack: string;
  /** `added`/`removed`: the stack exists on one side only; all of its blocks are listed as added/removed. */
  readonly change: Change;
  readonly blocks: readonly BlockDiff[];
  /** Managed resources only (not data sources, variables, ...). */
  readonly resources: ResourceCounts;
}

function countResources(blocks: readonly BlockDiff[]): ResourceCounts {
  const resources = blocks.filter((b) => b.kind === "resource");
  return {
    added: resources.filter((b) => b.change === "added").length,
    changed: resources.filter((b) => b.change === "changed").length,
    removed: resources.filter((b) => b.change === "removed").length,
  };
}

function diffStack(base: TfJson | undefined, head: TfJson | undefined): BlockDiff[] {
  const before = base ? blocksOf(base) : new Map<string, Block>();
  const after = head ? blocksOf(head) : new Map<string, Block>();
  const diffs: BlockDiff[] = [];
  for (const address of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(address);
    const b = after.get(address);
    if (a && !b) diffs.push({ kind: a.kind, address, change: "removed", attributes: [] });
    else if (!a && b) diffs.push({ kind: b.kind, address, change: "added", attributes: [] });
    else if (a && b) {
      const attributes: AttributeChange[] = [];
      diffValues(a.body, b.body, "", attributes);
      if (attributes.length > 0) diffs.push({ kind: b.kind, address, change: "changed", attributes });
    }
  }
  return diffs.sort(compareBlocks);
}

/**
 * Compares stacks by name. Returns only stacks with a difference, sorted by name; identical
 * inputs give `[]`.
 */
export function diffStacks(base: Readonly<Record<string, TfJson>>, head: Readonly<Record<string, TfJson>>): StackDiff[] {
  const names = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort(compareCodeUnits);
  const diffs: StackDiff[] = [];
  for (const stack of names) {
    const a = Object.hasOwn(base, stack) ? base[stack] : undefined;
    const b = Object.hasOwn(head, stack) ? head[stack] : undefined;
    const blocks = diffStack(a, b);
    const change: Change = a === undefined ? "added" : b === undefined ? "removed" : "changed";
    if (change === "changed" && blocks.length === 0) continue;
    diffs.push({ stack, change, blocks, resources: countResources(blocks) });
  }
  return diffs;
}

export interface DiffSummary {
  readonly stacksChanged: number;
  readonly resources: ResourceCounts;
}

export function summarize(diffs: readonly StackDiff[]): DiffSummary {
  const sum = (key: keyof ResourceCounts) => diffs.reduce((n, d) => n + d.resources[key], 0);
  return { stacksChanged: diffs.length, resources: { added: sum("added"), changed: sum("changed"), removed: sum("removed") } };
}
