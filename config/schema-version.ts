import { formatPath, type ConfigProblem, type PathSegment } from "./problems";

/**
 * The config's schema version (top-level `schemaVersion`, docs/upgrading.md) and the migrations
 * between versions. A config without the key is read as the oldest version, 1. A config of an
 * older version is read as it is unless it uses a key a later version renamed or moved: then it is
 * refused with one line per such key saying what it became, and `pullguard migrate` rewrites it.
 *
 * Version 1 is the baseline: no config key was renamed or removed between the first commit and
 * 0.1.0 (every key of the first generated JSON Schema is in 0.1.0's), so the history holds no step
 * yet. The mechanism is proven by tests with a synthetic history (__tests__/config/migrations).
 */

/** A key renamed or moved by one version step: dotted paths, `*` for any map key (an alias, a service name). */
export interface KeyMove {
  readonly from: string;
  readonly to: string;
}

/** One version step: what changed to make a config of `version - 1` a config of `version`. */
export interface SchemaStep {
  readonly version: number;
  readonly moves: readonly KeyMove[];
}

export interface SchemaHistory {
  readonly current: number;
  /** Ordered by version; step n turns version n-1 into n. */
  readonly steps: readonly SchemaStep[];
}

export const OLDEST_SCHEMA_VERSION = 1;
export const SCHEMA_VERSION_KEY = "schemaVersion";

/** pullguard's own history. Add a step (and bump `current`) when a release renames or moves a key. */
export const CONFIG_SCHEMA: SchemaHistory = { current: 1, steps: [] };

export const CURRENT_SCHEMA_VERSION = CONFIG_SCHEMA.current;

/** The version a config declares: its `schemaVersion` when that is a whole number, else the oldest. */
export function declaredVersion(config: unknown): number {
  const value = isObject(config) ? config[SCHEMA_VERSION_KEY] : undefined;
  return typeof value === "number" && Number.isInteger(value) ? value : OLDEST_SCHEMA_VERSION;
}

export interface AppliedMove {
  /** Where the key was in the config as written. */
  readonly from: readonly PathSegment[];
  /** Where it is in the current version. */
  readonly to: readonly PathSegment[];
  /** The version whose step moved it last. */
  readonly version: number;
}

/**
 * The moves a config of its declared version needs to become `history.current`, chained across
 * steps (a key renamed in version 2 and again in 3 is one move from its written path to its latest),
 * in the order they apply. `visit` runs each step's move on whatever holds the config (a plain
 * value here, a YAML document in migrate-document.ts) so both follow the same paths.
 */
export function pendingMoves(
  config: unknown,
  history: SchemaHistory,
  apply: (from: readonly PathSegment[], to: readonly PathSegment[]) => void = () => undefined,
): { moves: AppliedMove[]; conflicts: ConfigProblem[]; migrated: unknown } {
  const from = declaredVersion(config);
  // A working copy: later steps see the keys earlier steps moved.
  const working = structuredClone(config) as unknown;
  const origin = new Map<string, readonly PathSegment[]>();
  const moves = new Map<string, AppliedMove>();
  const conflicts: ConfigProblem[] = [];
  for (const step of history.steps) {
    if (step.version <= from) continue;
    for (const move of step.moves) {
      for (const path of concretePaths(working, move.from.split("."))) {
        const target = targetPath(path, move);
        if (valueAt(working, target) !== undefined) {
          conflicts.push({ path: formatPath(path), message: `and ${formatPath(target)} are both set; version ${step.version} renamed the first to the second, so keep one` });
          continue;
        }
        const written = origin.get(key(path)) ?? path;
        moveValue(working, path, target);
        apply(path, target);
        origin.delete(key(path));
        origin.set(key(target), written);
        moves.delete(key(path));
        moves.set(key(target), { from: written, to: target, version: step.version });
      }
    }
  }
  return { moves: [...moves.values()], conflicts, migrated: working };
}

/** One problem per key a newer schema moved, for a config that still uses it (nothing when none). */
export function versionProblems(config: unknown, history: SchemaHistory = CONFIG_SCHEMA): ConfigProblem[] {
  if (declaredVersion(config) >= history.current) return [];
  const { moves, conflicts } = pendingMoves(config, history);
  return [
    ...moves.map((m) => ({ path: formatPath(m.from), message: `became ${formatPath(m.to)} in config schema version ${m.version}; run \`pullguard migrate\` to rewrite the file (docs/upgrading.md)` })),
    ...conflicts,
  ];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const key = (path: readonly PathSegment[]) => JSON.stringify(path);

/** The paths in `value` a pattern names: `*` stands for every key of a map at that level. */
export function concretePaths(value: unknown, pattern: readonly string[], prefix: PathSegment[] = []): PathSegment[][] {
  if (pattern.length === 0) return [prefix];
  if (!isObject(value)) return [];
  const [head, ...rest] = pattern as [string, ...string[]];
  const keys = head === "*" ? Object.keys(value) : Object.hasOwn(value, head) ? [head] : [];
  return keys.flatMap((k) => concretePaths(value[k], rest, [...prefix, k]));
}

/** `move.to` with each `*` taking the key the same-numbered `*` of `move.from` matched. */
export function targetPath(path: readonly PathSegment[], move: KeyMove): PathSegment[] {
  const fromParts = move.from.split(".");
  const bound = fromParts.map((p, i) => (p === "*" ? path[i]! : undefined)).filter((p): p is PathSegment => p !== undefined);
  let next = 0;
  return move.to.split(".").map((p) => (p === "*" ? bound[next++]! : p));
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let node = value;
  for (const segment of path) {
    if (!isObject(node)) return undefined;
    node = node[String(segment)];
  }
  return node;
}

function moveValue(root: unknown, from: readonly PathSegment[], to: readonly PathSegment[]): void {
  const parent = valueAt(root, from.slice(0, -1)) as Record<string, unknown>;
  const moved = parent[String(from.at(-1))];
  delete parent[String(from.at(-1))];
  let node = root as Record<string, unknown>;
  for (const segment of to.slice(0, -1)) {
    if (!isObject(node[String(segment)])) node[String(segment)] = {};
    node = node[String(segment)] as Record<string, unknown>;
  }
  node[String(to.at(-1))] = moved;
}

/** Checks a history's own consistency: steps in order from version 2, each `to` with as many `*` as its `from`. */
export function historyProblems(history: SchemaHistory): string[] {
  const lines: string[] = [];
  history.steps.forEach((step, i) => {
    if (step.version !== OLDEST_SCHEMA_VERSION + 1 + i) lines.push(`step ${i} is version ${step.version}, expected ${OLDEST_SCHEMA_VERSION + 1 + i}`);
    for (const m of step.moves) {
      const stars = (p: string) => p.split(".").filter((s) => s === "*").length;
      if (stars(m.from) !== stars(m.to)) lines.push(`version ${step.version}: ${m.from} -> ${m.to} binds a different number of *`);
    }
  });
  const last = history.steps.at(-1)?.version ?? OLDEST_SCHEMA_VERSION;
  if (history.current !== last) lines.push(`current is ${history.current}, the last step makes ${last}`);
  return lines;
}
