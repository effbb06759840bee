import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type LineCounter, type Node, type YAMLMap } from "yaml";
import type { ConfigProblem } from "./problems";

/**
 * Where in a config file each problem is: its line and column, so that a problem in a file of
 * a thousand lines is found without searching for its path. Problem paths are the dotted text
 * users read (`environments.prod.services.api.cpu`), walked back through the parsed YAML document
 * (JSON is parsed the same way) with its aliases and `<<` merge keys followed.
 *
 * A value written once under an anchor and used at N paths fails validation N times, with the
 * same message each time; it is reported once, at the anchor, with the other paths it fails at.
 */
export interface ParsedConfigFile {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

/** Other paths listed for an anchored problem before "and N more". */
const MAX_OTHER_PATHS = 3;

/** How deep `<<` merges of merges are followed: far beyond what a config does, short of a loop. */
const MAX_MERGE_DEPTH = 16;

/** Messages about a key rather than its value (load.ts, problems.ts). */
const KEY_PROBLEM = /^(unknown key|is declared more than once|is not allowed as a key)/;

interface Entry {
  readonly key: string;
  readonly keyNode: Node | null;
  readonly value: Node | null;
  /** The anchor an alias in a `<<` merge key named, when the entry came from there. */
  readonly anchor?: string;
}

/** The node a path leads to, or the deepest one it reaches when it names a key that is not there. */
interface Found {
  readonly node: Node | null;
  /** The key whose value node is: its position when node is null (`api:` with nothing after it). */
  readonly keyNode: Node | null;
  /** The part of the path not found in the file (a required key left out), or "". */
  readonly rest: string;
  /** The innermost anchor the path went through: node is in that anchor's content. */
  readonly anchor?: string;
}

/**
 * What each alias refers to: the last node before it with that anchor, as the yaml library
 * resolves it. `each` sees every other node with its parent, in document order.
 */
export function aliasTargets(document: Document, each?: (node: Node, parent: unknown) => void): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visit(document, {
    Node: (_key, node, path) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
        return;
      }
      if (node.anchor) anchors.set(node.anchor, node);
      each?.(node, path[path.length - 1]);
    },
  });
  return targets;
}

class DocumentIndex {
  /** What each alias refers to: the last node before it with that anchor, as the yaml library resolves it. */
  private readonly targets: ReadonlyMap<Alias, Node>;
  /** The key in front of each collection: a collection's position is the line of its key. */
  private readonly parentKeys = new Map<Node, Node>();
  private readonly entryCache = new Map<YAMLMap, Entry[]>();
  private readonly keyCache = new Map<YAMLMap, Map<string, Entry>>();

  constructor(readonly file: ParsedConfigFile) {
    this.targets = aliasTargets(file.document, (node, parent) => {
      if (isCollection(node) && isPair(parent) && parent.value === node && isScalar(parent.key)) this.parentKeys.set(node, parent.key);
    });
  }

  /** An alias's target, with the anchor name; any other node as it is. */
  deref(node: Node | null): { node: Node | null; anchor?: string } {
    if (!isAlias(node)) return { node };
    return { node: this.targets.get(node) ?? null, anchor: node.source };
  }

  /** A map's keys as JavaScript reads them: the last of a duplicated key, then keys merged in by `<<`. */
  entries(map: YAMLMap, depth = 0): Entry[] {
    const cached = this.entryCache.get(map);
    if (cached) return cached;
    const explicit = new Map<string, Entry>();
    const merged: Entry[] = [];
    for (const pair of map.items) {
      const keyNode = pair.key as Node | null;
      if (isScalar(keyNode) && typeof keyNode.value === "symbol") {
        if (depth < MAX_MERGE_DEPTH) merged.push(...this.mergeSources(pair.value as Node | null, depth));
        continue;
      }
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      explicit.delete(key);
      explicit.set(key, { key, keyNode, value: pair.value as Node | null });
    }
    const all = [...explicit.values()];
    for (const entry of merged) if (!all.some((e) => e.key === entry.key)) all.push(entry);
    this.entryCache.set(map, all);
    return all;
  }

  /**
   * The entry whose key starts the path, the longest one when several do: a key may hold a dot
   * (a tag such as `app.kubernetes.io/name`). Candidates are the path cut at each "." or "[".
   */
  private entryFor(map: YAMLMap, rest: string): Entry | undefined {
    let byKey = this.keyCache.get(map);
    if (!byKey) {
      byKey = new Map(this.entries(map).map((e) => [e.key, e]));
      this.keyCache.set(map, byKey);
    }
    for (let end = rest.length; end > 0; end--) {
      if (end < rest.length && rest[end] !== "." && rest[end] !== "[") continue;
      const entry = byKey.get(rest.slice(0, end));
      if (entry) return entry;
    }
    return undefined;
  }

  private mergeSources(value: Node | null, depth: number): Entry[] {
    const sources = isSeq(value) ? (value.items as Node[]) : [value];
    return sources.flatMap((source) => {
      const { node, anchor } = this.deref(source);
      if (!isMap(node)) return [];
      return this.entries(node, depth + 1).map((e) => (anchor === undefined || e.anchor !== undefined ? e : { ...e, anchor }));
    });
  }

  find(path: string): Found | undefined {
    let rest = path;
    let current = this.deref(this.file.document.contents as Node | null);
    let keyNode: Node | null = null;
    let anchor = current.anchor;
    while (rest !== "") {
      const node = current.node;
      let next: { value: Node | null; keyNode: Node | null; length: number; anchor?: string } | undefined;
      if (isMap(node)) {
        const entry = this.entryFor(node, rest);
        if (entry) next = { value: entry.value, keyNode: entry.keyNode, length: entry.key.length, anchor: entry.anchor };
      } else if (isSeq(node)) {
        const index = /^\[(\d+)\]/.exec(rest);
        const item = index ? (node.items[Number(index[1])] as Node | undefined) : undefined;
        if (index && item !== undefined) next = { value: item, keyNode: null, length: index[0].length };
      }
      if (!next) break;
      rest = rest.slice(next.length).replace(/^\./, "");
      current = this.deref(next.value);
      keyNode = next.keyNode;
      anchor = current.anchor ?? next.anchor ?? anchor;
    }
    if (rest === path) return undefined; // not a path into this file (a file name, "(config)")
    return { node: current.node, keyNode, rest, ...(anchor !== undefined ? { anchor } : {}) };
  }

  /**
   * A scalar's own position; a collection's is its key's (the line `api:` is on), else its first
   * item's; a problem with the key itself (unknown, duplicated) is at the key.
   */
  position(found: Found, ofKey: boolean): { line: number; col: number } | undefined {
    const node = found.node;
    const at =
      ofKey && found.rest === "" && found.keyNode ? found.keyNode : isScalar(node) && found.rest === "" ? node : ((node && this.parentKeys.get(node)) ?? found.keyNode ?? node);
    const offset = at?.range?.[0];
    return offset === undefined ? undefined : this.file.lineCounter.linePos(offset);
  }
}

interface Group {
  readonly problem: ConfigProblem;
  readonly where: { line: number; col: number };
  anchor?: string;
  readonly others: string[];
}

/**
 * Each problem with `(line L, column C)` after its message when its path is in the file. Problems
 * with one message at one node of the file (an anchor's content, reached through aliases) become
 * one, at the anchor, naming the other paths.
 */
export function locateProblems(problems: readonly ConfigProblem[], file: ParsedConfigFile): ConfigProblem[] {
  const index = new DocumentIndex(file);
  const ids = new Map<Node | null, number>();
  const groups = new Map<string, Group>();
  const out: (ConfigProblem | Group)[] = [];
  for (const problem of problems) {
    const found = index.find(problem.path);
    const where = found && index.position(found, KEY_PROBLEM.test(problem.message));
    if (!found || !where) {
      out.push(problem);
      continue;
    }
    // A value left empty (`api:`) has no node: its key stands for it.
    const node = found.node ?? found.keyNode;
    if (!ids.has(node)) ids.set(node, ids.size);
    const key = `${ids.get(node)}\u0000${found.rest}\u0000${problem.message}`;
    const group = groups.get(key);
    if (group) {
      group.others.push(problem.path);
      group.anchor ??= found.anchor;
      continue;
    }
    const created: Group = { problem, where, ...(found.anchor !== undefined ? { anchor: found.anchor } : {}), others: [] };
    groups.set(key, created);
    out.push(created);
  }
  return out.map((item) => ("where" in item ? withLocation(item) : item));
}

function withLocation(group: Group): ConfigProblem {
  const { problem, where, anchor, others } = group;
  const listed = others.slice(0, MAX_OTHER_PATHS).join(", ");
  const more = others.length > MAX_OTHER_PATHS ? ` and ${others.length - MAX_OTHER_PATHS} more` : "";
  const also = others.length > 0 ? `; also at ${listed}${more}` : "";
  const inAnchor = anchor !== undefined ? `, anchor &${anchor}` : "";
  return { path: problem.path, message: `${problem.message} (line ${where.line}, column ${where.col}${inAnchor}${also})` };
}
