/**
 * The semantic diff behind `npm run diff`: compares two sets of synthesized stacks
 * (`cdktf.out/stacks/<stack>/cdk.tf.json`, parsed) block by block and attribute by attribute.
 * Pure and deterministic: no I/O, every list sorted, so the same inputs give the same text.
 *
 * What a "block" is here: each resource (`<type>.<name>`), data source (`data.<type>.<name>`),
 * variable, output, provider configuration (`provider.<name>[.<alias>]`), the `terraform` block
 * (backend, required_providers) and any other top-level key as a whole (`locals`, `moved`, ...).
 *
 * The `"//"` keys are dropped. cdktf writes them at the root of the file (`metadata.version`,
 * `stackName`, `backend`, `outputs`) and at the top of resource and data bodies
 * (`metadata.path`, the construct path, and `metadata.uniqueId`). Terraform ignores them as
 * comments (docs/output-format.md), so they change nothing a plan would show, and a cdktf
 * upgrade would otherwise flag every stack. They are dropped at the root and at the top of every
 * block body, which is everywhere cdktf writes them. Deeper down, `"//"` can be an ordinary map
 * key that Terraform does apply (a tag named "//" is valid config), so it is compared there like
 * any other key: a spurious difference is better than a hidden tag change.
 */

export type TfJson = Record<string, unknown>;

export type Change = "added" | "removed" | "changed";

export interface AttributeChange {
  /** Path inside the block body, continuing into JSON-string attributes: `container_definitions[0].image`. */
  readonly path: string;
  /** `reformatted`: a JSON-string attribute whose text changed but whose parsed document did not. */
  readonly change: Change | "reformatted";
  /** Absent (undefined) when the attribute was added. */
  readonly before?: unknown;
  /** Absent (undefined) when the attribute was removed. */
  readonly after?: unknown;
}

export type BlockKind = "terraform" | "provider" | "variable" | "data" | "resource" | "output" | "other";

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

interface Block {
  readonly kind: BlockKind;
  readonly address: string;
  readonly body: unknown;
}

const COMMENT_KEY = "//";
const KIND_ORDER: readonly BlockKind[] = ["terraform", "provider", "variable", "data", "resource", "output", "other"];

/** Code-unit order: independent of the locale, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withoutComment(body: unknown): unknown {
  if (!isObject(body) || !(COMMENT_KEY in body)) return body;
  const { [COMMENT_KEY]: _comment, ...rest } = body;
  return rest;
}

function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value).filter(([key]) => key !== COMMENT_KEY) : [];
}

/** Splits one cdk.tf.json into its blocks, keyed by address. */
function blocksOf(tf: TfJson): Map<string, Block> {
  const blocks = new Map<string, Block>();
  const add = (kind: BlockKind, address: string, body: unknown) => {
    let unique = address;
    for (let n = 1; blocks.has(unique); n++) unique = `${address}#${n}`; // duplicate provider entries without alias
    blocks.set(unique, { kind, address: unique, body: withoutComment(body) });
  };
  for (const [key, value] of entries(tf)) {
    switch (key) {
      case "terraform":
        add("terraform", "terraform", value);
        break;
      case "provider":
        for (const [name, configs] of entries(value)) {
          for (const config of Array.isArray(configs) ? configs : [configs]) {
            const alias = isObject(config) && typeof config.alias === "string" ? `.${config.alias}` : "";
            add("provider", `provider.${name}${alias}`, config);
          }
        }
        break;
      case "variable":
      case "output":
        for (const [name, body] of entries(value)) add(key, `${key}.${name}`, body);
        break;
      case "resource":
      case "data":
        for (const [type, named] of entries(value)) {
          for (const [name, body] of entries(named)) add(key, `${key === "data" ? "data." : ""}${type}.${name}`, body);
        }
        break;
      case "module":
        for (const [name, body] of entries(value)) add("other", `module.${name}`, body);
        break;
      default:
        add("other", key, value);
    }
  }
  return blocks;
}

function compareBlocks(a: { kind: BlockKind; address: string }, b: { kind: BlockKind; address: string }): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compare(a.address, b.address);
}

/** JSON with object keys sorted: equal documents give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort(compare)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * A string attribute that holds a JSON document (`policy`, `assume_role_policy`,
 * `container_definitions`, `lifecycle_policy`, `event_pattern`, ...). Only objects and arrays
 * count: a string that happens to parse as a number or `true` is just a string.
 */
function parseJsonDocument(text: string): { ok: true; value: unknown } | { ok: false } {
  const start = text.trimStart()[0];
  if (start !== "{" && start !== "[") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function childPath(path: string, key: string): string {
  if (PLAIN_KEY.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

function diffValues(before: unknown, after: unknown, path: string, out: AttributeChange[]): void {
  if (canonicalJson(before) === canonicalJson(after)) return;
  if (typeof before === "string" && typeof after === "string") {
    const a = parseJsonDocument(before);
    const b = parseJsonDocument(after);
    if (a.ok && b.ok) {
      const inner: AttributeChange[] = [];
      diffValues(a.value, b.value, path, inner);
      if (inner.length === 0) out.push({ path, change: "reformatted", before, after });
      else out.push(...inner);
      return;
    }
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compare);
    for (const key of keys) {
      const inBefore = key in before && before[key] !== undefined;
      const inAfter = key in after && after[key] !== undefined;
      const child = childPath(path, key);
      if (inBefore && !inAfter) out.push({ path: child, change: "removed", before: before[key] });
      else if (!inBefore && inAfter) out.push({ path: child, change: "added", after: after[key] });
      else if (inBefore && inAfter) diffValues(before[key], after[key], child, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    diffArrays(before, after, path, out);
    return;
  }
  out.push({ path, change: "changed", before, after });
}

type Step = { op: "same"; i: number; j: number } | { op: "removed"; i: number } | { op: "added"; j: number };

/** Longest common subsequence of element texts; beyond this many cells, elements are paired by index. */
const LCS_LIMIT = 1_000_000;

function alignArrays(a: readonly string[], b: readonly string[]): Step[] {
  const steps: Step[] = [];
  if (a.length * b.length > LCS_LIMIT) {
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      if (k < a.length && k < b.length && a[k] === b[k]) {
        steps.push({ op: "same", i: k, j: k });
        continue;
      }
      if (k < a.length) steps.push({ op: "removed", i: k });
      if (k < b.length) steps.push({ op: "added", j: k });
    }
    return steps;
  }
  // lengths[i][j]: LCS length of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) steps.push({ op: "same", i: i++, j: j++ });
    else if (j < b.length && (i === a.length || lengths[i][j + 1] >= lengths[i + 1][j])) steps.push({ op: "added", j: j++ });
    else steps.push({ op: "removed", i: i++ });
  }
  return steps;
}

/**
 * Lists are aligned on their unchanged elements, so one action added to a sorted IAM action list
 * shows as one added element, not as every later element changed. Between two unchanged
 * elements, removed and added elements are paired in order and diffed inside (a changed
 * container definition shows its changed fields). Paths use the head index for added and
 * changed elements and the base index for removed ones.
 */
function diffArrays(before: readonly unknown[], after: readonly unknown[], path: string, out: AttributeChange[]): void {
  const steps = alignArrays(before.map(canonicalJson), after.map(canonicalJson));
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) diffValues(before[removed[k]], after[added[k]], indexPath(path, added[k]), out);
    for (const i of removed.slice(paired)) out.push({ path: indexPath(path, i), change: "removed", before: before[i] });
    for (const j of added.slice(paired)) out.push({ path: indexPath(path, j), change: "added", after: after[j] });
    removed = [];
    added = [];
  };
  for (const step of steps) {
    if (step.op === "same") flush();
    else if (step.op === "removed") removed.push(step.i);
    else added.push(step.j);
  }
  flush();
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
  const names = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort(compare);
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

export function summaryLine(diffs: readonly StackDiff[]): string {
  const { stacksChanged, resources } = summarize(diffs);
  return `${stacksChanged} stacks changed: +${resources.added} ~${resources.changed} -${resources.removed} resources`;
}

/** Longest rendered value; longer ones are cut around their first difference from the other side. */
export const MAX_VALUE_CHARS = 200;
const CONTEXT_CHARS = 60;

function clip(text: string, focus: number): string {
  if (text.length <= MAX_VALUE_CHARS) return text;
  const start = Math.max(0, Math.min(focus - CONTEXT_CHARS, text.length - MAX_VALUE_CHARS));
  const end = start + MAX_VALUE_CHARS;
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

function encode(value: unknown): string {
  return JSON.stringify(value) ?? "null";
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function formatAttribute(change: AttributeChange): string {
  const path = change.path === "" ? "(value)" : change.path;
  switch (change.change) {
    case "added":
      return `${path}: (absent) → ${clip(encode(change.after), 0)}`;
    case "removed":
      return `${path}: ${clip(encode(change.before), 0)} → (absent)`;
    case "reformatted":
      return `${path}: JSON text reformatted, same document`;
    case "changed": {
      const a = encode(change.before);
      const b = encode(change.after);
      const focus = commonPrefix(a, b);
      return `${path}: ${clip(a, focus)} → ${clip(b, focus)}`;
    }
  }
}

const SIGN: Record<Change, string> = { added: "+", removed: "-", changed: "~" };

function formatCounts(counts: ResourceCounts): string {
  return `+${counts.added} ~${counts.changed} -${counts.removed} resources`;
}

/**
 * Human-readable report, one section per changed stack, then the summary line
 * `N stacks changed: +A ~C -R resources`.
 */
export function formatDiff(diffs: readonly StackDiff[]): string {
  const lines: string[] = [];
  if (diffs.length === 0) lines.push("No changes in synthesized stacks.");
  for (const diff of diffs) {
    const what = diff.change === "added" ? "new stack, " : diff.change === "removed" ? "stack removed, " : "";
    lines.push(`${SIGN[diff.change]} stack ${diff.stack} (${what}${formatCounts(diff.resources)})`);
    if (diff.change === "removed") {
      lines.push("    note: dropping a stack from the output destroys nothing; run terraform destroy on it first, or its resources stay in AWS unmanaged");
    }
    for (const block of diff.blocks) {
      lines.push(`  ${SIGN[block.change]} ${block.address}`);
      for (const attribute of block.attributes) lines.push(`      ${formatAttribute(attribute)}`);
    }
    lines.push("");
  }
  if (diffs.length === 0) lines.push("");
  lines.push(summaryLine(diffs));
  return `${lines.join("\n")}\n`;
}
