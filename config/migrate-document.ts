import { isMap, isScalar, parseDocument, Pair, Scalar, YAMLMap, type Document } from "yaml";
import { readConfigDocument, type ConfigFormat } from "./config-document";
import { formatPath, type ConfigProblem, type PathSegment } from "./problems";
import { CONFIG_SCHEMA, OLDEST_SCHEMA_VERSION, pendingMoves, SCHEMA_VERSION_KEY, type AppliedMove, type SchemaHistory } from "./schema-version";

/**
 * A config file's text migrated to the current schema version (`pullguard migrate`,
 * cli/migrate.ts). Comments and layout survive: a key renamed in place and the `schemaVersion`
 * value are spliced into the text, so every other byte stays as written; only a key that moves
 * to another map makes the file be rewritten through the YAML document (comments kept, spacing
 * normalized), and a JSON file is then written again in its key order and indentation.
 */
export type MigrationResult =
  | { readonly ok: true; readonly from: number; readonly to: number; readonly text: string; readonly moves: readonly AppliedMove[] }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

const UTF8_BOM = "\ufeff";

interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function migrateConfigText(text: string, format: ConfigFormat, fileName: string, history: SchemaHistory = CONFIG_SCHEMA): MigrationResult {
  const read = readConfigDocument(text, format, fileName);
  if (!read.ok) return { ok: false, problems: read.problems };
  const raw = read.value[SCHEMA_VERSION_KEY];
  if (raw !== undefined && (typeof raw !== "number" || !Number.isInteger(raw) || raw < OLDEST_SCHEMA_VERSION || raw > history.current)) {
    const known = history.current === OLDEST_SCHEMA_VERSION ? `${history.current}` : `${OLDEST_SCHEMA_VERSION} to ${history.current}`;
    return { ok: false, problems: [{ path: SCHEMA_VERSION_KEY, message: `is ${JSON.stringify(raw)}; this pullguard knows config schema versions ${known}${typeof raw === "number" && raw > history.current ? " (upgrade pullguard to read it)" : ""}` }] };
  }
  const from = typeof raw === "number" ? raw : OLDEST_SCHEMA_VERSION;
  if (from >= history.current) return { ok: true, from, to: from, text, moves: [] };

  const bom = text.startsWith(UTF8_BOM) ? UTF8_BOM : "";
  const body = text.slice(bom.length);
  const doc = parseDocument(body, { uniqueKeys: false, merge: true, keepSourceTokens: true });
  const root = doc.contents;
  if (!isMap(root)) return { ok: false, problems: [{ path: fileName, message: "must contain a config object at the top level" }] };

  const problems: ConfigProblem[] = [];
  // By position: a key renamed twice (a chain of steps) keeps its last name.
  const edits = new Map<number, TextEdit>();
  // Text splicing needs a block map with a first key to put the version before; a flow map
  // (`{ accounts: ... }`) or an empty one is written through the document instead.
  let restructured = root.items.length === 0 || (format === "YAML" && root.flow === true);
  const { moves, conflicts, migrated } = pendingMoves(read.value, history, (path, target) => {
    const pair = pairAt(doc, path);
    if (pair === undefined) {
      problems.push({ path: formatPath(path), message: "comes from an alias or merge key; move it by hand" });
      return;
    }
    const sameMap = path.length === target.length && path.slice(0, -1).every((s, i) => s === target[i]);
    const keyNode = pair.key as Scalar;
    const newKey = String(target.at(-1));
    if (sameMap && !restructured && keyNode.range) edits.set(keyNode.range[0], { start: keyNode.range[0], end: keyNode.range[1], text: format === "JSON" ? JSON.stringify(newKey) : yamlKey(newKey) });
    restructured ||= !sameMap;
    movePair(doc, path, target, pair, newKey);
  });
  problems.push(...conflicts);
  if (problems.length > 0) return { ok: false, problems };

  let out: string;
  if (restructured) {
    setVersion(doc, history.current);
    out = format === "JSON" ? jsonText(doc, body) : doc.toString({ lineWidth: 0, flowCollectionPadding: /[{[] \S/.test(body) });
  } else {
    const version = versionEdit(root, body, format, history.current);
    out = applyEdits(body, [...edits.values(), version]);
  }
  // The rewritten file must read back as the current version with nothing left to move.
  const again = readConfigDocument(out, format, fileName);
  if (!again.ok || again.value[SCHEMA_VERSION_KEY] !== history.current || canonical(again.value) !== canonical(migrated)) {
    return { ok: false, problems: [{ path: fileName, message: "could not be migrated safely (the rewritten file did not read back as the new version); migrate it by hand" }] };
  }
  return { ok: true, from, to: history.current, text: bom + out, moves };
}

/** A value as JSON with sorted keys and without the version, to compare a rewrite with what the moves meant. */
function canonical(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).filter((k) => k !== SCHEMA_VERSION_KEY).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]))
      : Array.isArray(v) ? v.map(sorted) : v;
  return JSON.stringify(sorted(value));
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
}

function pairAt(doc: Document, path: readonly PathSegment[]): Pair | undefined {
  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  for (const segment of path) {
    if (!isMap(node)) return undefined;
    pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
    if (!pair) return undefined;
    node = pair.value;
  }
  return pair;
}

function movePair(doc: Document, path: readonly PathSegment[], target: readonly PathSegment[], pair: Pair, newKey: string): void {
  const parent = (path.length === 1 ? doc.contents : pairAt(doc, path.slice(0, -1))!.value) as YAMLMap;
  let destination = doc.contents as YAMLMap;
  for (const segment of target.slice(0, -1)) {
    let next = destination.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
    if (!next || !isMap(next.value)) {
      next = new Pair(new Scalar(String(segment)), new YAMLMap());
      destination.items.push(next);
    }
    destination = next.value as YAMLMap;
  }
  const keyNode = pair.key as Scalar;
  keyNode.value = newKey;
  if (destination !== parent) {
    parent.items.splice(parent.items.indexOf(pair), 1);
    destination.items.push(pair);
  }
}

function setVersion(doc: Document, version: number): void {
  const root = doc.contents as YAMLMap;
  const existing = root.items.find((p) => isScalar(p.key) && p.key.value === SCHEMA_VERSION_KEY);
  if (existing) existing.value = new Scalar(version);
  else root.items.unshift(new Pair(new Scalar(SCHEMA_VERSION_KEY), new Scalar(version)));
}

/** The edit that writes the new version: its value replaced, or a first line/key inserted. */
function versionEdit(root: YAMLMap, body: string, format: ConfigFormat, version: number): TextEdit {
  const existing = root.items.find((p) => isScalar(p.key) && p.key.value === SCHEMA_VERSION_KEY);
  const value = existing?.value;
  if (isScalar(value) && value.range) return { start: value.range[0], end: value.range[1], text: String(version) };
  const first = root.items[0]?.key;
  const at = isScalar(first) && first.range ? first.range[0] : body.length;
  if (format === "JSON") {
    const indent = /\n([ \t]*)"[^"\n]*"\s*:/.exec(body)?.[1] ?? "";
    const comma = root.items.length > 0 ? "," : "";
    return { start: at, end: at, text: `"${SCHEMA_VERSION_KEY}": ${version}${comma}\n${indent}` };
  }
  // At the start of the first key's line, after any header comment, at the map's indentation.
  const lineStart = body.lastIndexOf("\n", at - 1) + 1;
  return { start: lineStart, end: lineStart, text: `${body.slice(lineStart, at)}${SCHEMA_VERSION_KEY}: ${version}\n` };
}

function applyEdits(body: string, edits: readonly TextEdit[]): string {
  let out = body;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** A JSON document written again in its key order (Maps keep it; objects put integer-like keys first). */
function jsonText(doc: Document, body: string): string {
  const indent = /\n([ \t]+)"/.exec(body)?.[1] ?? "  ";
  const value = doc.toJS({ mapAsMap: true }) as unknown;
  const write = (v: unknown, depth: number): string => {
    const pad = indent.repeat(depth + 1);
    const close = indent.repeat(depth);
    if (v instanceof Map) {
      if (v.size === 0) return "{}";
      return `{\n${[...v.entries()].map(([k, item]) => `${pad}${JSON.stringify(String(k))}: ${write(item, depth + 1)}`).join(",\n")}\n${close}}`;
    }
    if (Array.isArray(v)) return v.length === 0 ? "[]" : `[\n${v.map((item) => `${pad}${write(item, depth + 1)}`).join(",\n")}\n${close}]`;
    return JSON.stringify(v) ?? "null";
  };
  return `${write(value, 0)}${body.endsWith("\n") ? "\n" : ""}`;
}
