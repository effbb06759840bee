import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Alias, type Document, type Node as YamlNode } from "yaml";
import { aliasTargets, type ParsedConfigFile } from "./config-locations";
import { formatPath, type ConfigProblem, type PathSegment } from "./problems";

/**
 * A config file's text to the value validation reads. YAML and JSON files both go through the
 * YAML 1.2 parser (JSON is a subset), which, unlike JSON.parse, sees keys written twice and
 * knows where every value is (config-locations.ts).
 *
 * What teams write to share YAML: anchors and aliases (`&defaults` / `*defaults`), `<<` merge
 * keys (a YAML 1.1 type the yaml library reads when asked), and top-level `x-` keys to hold the
 * anchored blocks, as in docker-compose files. `x-` is read at the top level only: below it,
 * keys are names users choose (a sidecar may well be called `x-ray`).
 */
export type ConfigFormat = "JSON" | "YAML";

export type ConfigDocument =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly file: ParsedConfigFile; readonly duplicates: readonly ConfigProblem[] }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/**
 * What a document may grow to once its aliases and merge keys are expanded, in values (a scalar,
 * a map, a list). Sharing a block is linear: 10,000 services each merging a 20-value anchor are
 * 200,000. An alias flood ("billion laughs") is exponential, and a large anchor merged into many
 * places quadratic: both pass any fixed count of aliases long before this.
 */
export const MAX_EXPANDED_VALUES = 2_000_000;

/** Top-level keys validation never sees: extension fields, holders of anchored blocks. */
export const EXTENSION_KEY_PREFIX = "x-";

const UTF8_BOM = "\ufeff";

export function readConfigDocument(text: string, format: ConfigFormat, fileName: string): ConfigDocument {
  // Windows editors start UTF-8 files with a byte order mark; JSON.parse refuses it.
  const body = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const fail = (message: string): ConfigDocument => ({ ok: false, problems: [{ path: fileName, message }] });
  if (format === "JSON") {
    try {
      JSON.parse(body);
    } catch (error) {
      if (error instanceof RangeError) return fail(unreadableReason(error, format));
      return fail(`is not valid JSON: ${jsonErrorMessage((error as Error).message, body)}`);
    }
  }
  // prettyErrors would append a multi-line excerpt to each message; a LineCounter gives the position alone.
  const lineCounter = new LineCounter();
  const document = parseDocument(body, { uniqueKeys: false, prettyErrors: false, lineCounter, merge: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((e) => {
        const position = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        const where = position ? ` at line ${position.line}, column ${position.col}` : "";
        // The parser catches its own stack overflow on deeply nested input and reports it as a parse error.
        if (/Maximum call stack/.test(e.message)) return { path: fileName, message: `is not valid ${format}: it is nested too deeply to read` };
        return { path: fileName, message: `is not valid ${format}${where}: ${oneLineMessage(e.message)}` };
      }),
    };
  }
  const duplicates: ConfigProblem[] = [];
  let value: unknown;
  try {
    // JSON has no aliases, and YAML none without a "*": the count is skipped on the common path.
    const expansion = format === "YAML" && body.includes("*") ? expandedValues(document, lineCounter) : 0;
    if (typeof expansion !== "number") return fail(`is not valid ${format}: the alias *${expansion.source} at line ${expansion.line}, column ${expansion.col} is inside the anchor it refers to`);
    if (expansion > MAX_EXPANDED_VALUES) return fail(aliasFlood(format));
    duplicateKeys(document.contents as YamlNode, [], duplicates);
    // The library's own alias check, kept as a second bound.
    value = document.toJS({ maxAliasCount: MAX_EXPANDED_VALUES });
  } catch (error) {
    return fail(unreadableReason(error, format));
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return fail("must contain a config object at the top level");
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) if (key.startsWith(EXTENSION_KEY_PREFIX)) delete config[key];
  return { ok: true, value: config, file: { document, lineCounter }, duplicates };
}

/** The yaml library refuses alias floods by throwing; deep nesting overflows the stack. Both are the file's fault. */
export function unreadableReason(error: unknown, format: ConfigFormat): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/alias/i.test(message)) return aliasFlood(format);
  if (error instanceof RangeError) return `is not valid ${format}: it is nested too deeply to read`;
  return `is not valid ${format}: ${oneLineMessage(message)}`;
}

function aliasFlood(format: ConfigFormat): string {
  return `is not valid ${format}: its aliases and merge keys expand to more than ${MAX_EXPANDED_VALUES} values (an alias flood); write the values out`;
}

/**
 * The number of values the document becomes, counted without expanding it: each node's count is
 * computed once, so an exponential flood costs no more to count than its text. An alias inside
 * the anchor it names would expand forever; it is returned, with its position, instead.
 */
function expandedValues(document: Document.Parsed, lineCounter: LineCounter): number | { source: string; line: number; col: number } {
  const targets = aliasTargets(document);
  const counted = new Map<YamlNode, number>();
  const open = new Set<YamlNode>();
  const count = (node: unknown): number => {
    if (isAlias(node)) {
      const target = targets.get(node);
      if (target && open.has(target)) throw new AliasCycle(node);
      return target ? count(target) : 1;
    }
    if (isPair(node)) return count(node.key) + count(node.value);
    if (!isCollection(node)) return 1;
    const known = counted.get(node);
    if (known !== undefined) return known;
    open.add(node);
    let total = 1;
    for (const item of node.items) total = Math.min(total + count(item), Number.MAX_SAFE_INTEGER);
    open.delete(node);
    counted.set(node, total);
    return total;
  };
  try {
    return count(document.contents);
  } catch (error) {
    if (!(error instanceof AliasCycle)) throw error;
    return { source: error.alias.source, ...lineCounter.linePos(error.alias.range?.[0] ?? 0) };
  }
}

class AliasCycle extends Error {
  constructor(readonly alias: Alias) {
    super(`alias *${alias.source} inside its anchor`);
  }
}

function oneLineMessage(message: string): string {
  return message.split("\n")[0]!;
}

/** A merge key (`<<`) is read as a symbol; several in one map are allowed, and merged keys may be overridden. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === "symbol";
}

/** JSON.parse silently keeps the last of `services: { api: …, api: … }`: a dropped service is exactly the kind of mistake a review misses. */
function duplicateKeys(node: YamlNode | null | undefined, path: PathSegment[], out: ConfigProblem[]): void {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (isMergeKey(pair.key)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (seen.has(key)) out.push({ path: formatPath([...path, key]), message: `is declared more than once (duplicate ${describeDuplicate(path)})` });
      seen.add(key);
      duplicateKeys(pair.value as YamlNode, [...path, key], out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => duplicateKeys(item as YamlNode, [...path, index], out));
  }
}

function describeDuplicate(parent: readonly PathSegment[]): string {
  const last = parent[parent.length - 1];
  if (parent.length === 1 && last === "environments") return "environment name";
  if (last === "services") return "service name";
  if (parent.length === 1 && last === "accounts") return "account alias";
  if (last === "regions") return "Region";
  return "key";
}

/**
 * JSON.parse says "at position 812" and may quote the input, line breaks included; a problem is one
 * line, and people find errors by line and column.
 */
function jsonErrorMessage(message: string, text: string): string {
  const position = /at position (\d+)/.exec(message);
  let out = message;
  if (position) {
    const before = text.slice(0, Number(position[1]));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    out = out.replace(position[0], `at line ${line}, column ${column}`);
  }
  return out.replace(/\s*[\r\n]+\s*/g, " ");
}
