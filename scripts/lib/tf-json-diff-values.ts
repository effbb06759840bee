/**
 * Comparing two block bodies attribute by attribute for `npm run diff`: nested maps and blocks by
 * key, lists aligned on their unchanged elements, and JSON-string attributes (policies, container
 * definitions) parsed and compared inside. Pure and deterministic: keys are visited in code-unit
 * order, so the same two values always give the same changes in the same order.
 */
import { compareCodeUnits, isObject } from "./tf-json-diff-blocks";

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

/** JSON with object keys sorted: equal documents give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort(compareCodeUnits)
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

/**
 * Appends to `out` what changed from `before` to `after` below `path` ("" for a whole block body).
 * Equal documents (same canonical JSON) add nothing.
 */
export function diffValues(before: unknown, after: unknown, path: string, out: AttributeChange[]): void {
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
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareCodeUnits);
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

export type AlignmentStep = { op: "same"; i: number; j: number } | { op: "removed"; i: number } | { op: "added"; j: number };

/** Longest common subsequence of element texts; beyond this many cells, elements are paired by index. */
export const LCS_LIMIT = 1_000_000;

/**
 * Aligns two lists of element texts: `same` pairs base index `i` with head index `j`; `removed`
 * and `added` are the rest. Where dropping either element keeps the common part as long, the
 * head element is taken first (`added` before `removed`).
 */
export function alignArrays(a: readonly string[], b: readonly string[]): AlignmentStep[] {
  const steps: AlignmentStep[] = [];
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
