import { closeSync, fstatSync, openSync, readSync, constants as fsConstants } from "node:fs";
import { extname } from "node:path";
import { z } from "zod";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { formatPath, problemsFromZod, type ConfigProblem, type PathSegment } from "./problems";
import { platformConfigSchema, type PlatformConfig, type PlatformConfigInput } from "./schema";

export type ConfigResult =
  | { readonly ok: true; readonly config: PlatformConfig; readonly source: string }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[]; readonly source: string };

/** The environment variable that points pullguard at a JSON or YAML config instead of config/platform.ts. */
export const CONFIG_ENV_VAR = "PULLGUARD_CONFIG";

type AnySchema = z.core.$ZodType;

/** Follows a config path through the schema, for "did you mean" on unknown keys. */
function schemaAt(schema: AnySchema, path: readonly PathSegment[]): AnySchema | undefined {
  let node: AnySchema | undefined = schema;
  for (const segment of path) {
    node = node && unwrap(node);
    if (!node) return undefined;
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "object") node = (def.shape as Record<string, AnySchema>)[String(segment)];
    else if (def.type === "record") node = def.valueType as AnySchema;
    else if (def.type === "array") node = def.element as AnySchema;
    else if (def.type === "union") {
      const options = def.options as AnySchema[];
      node = options.map((o) => schemaAt(o, [segment])).find((o) => o !== undefined);
    } else return undefined;
  }
  return node && unwrap(node);
}

function unwrap(schema: AnySchema): AnySchema {
  let node = schema;
  for (;;) {
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "default" || def.type === "optional" || def.type === "prefault" || def.type === "nullable") node = def.innerType as AnySchema;
    else if (def.type === "pipe") node = def.in as AnySchema;
    else return node;
  }
}

function keysAt(path: readonly PathSegment[]): string[] {
  const node = schemaAt(platformConfigSchema, path);
  if (!node) return [];
  const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === "object") return Object.keys(def.shape as object);
  if (def.type === "union") {
    return (def.options as AnySchema[]).flatMap((o) => {
      const inner = unwrap(o)._zod.def as unknown as Record<string, unknown> & { type: string };
      return inner.type === "object" ? Object.keys(inner.shape as object) : [];
    });
  }
  return [];
}

/**
 * An own `__proto__` key (JSON and YAML can write one) is dropped or turned into a prototype by
 * every object copy on its way through validation: the map entry would vanish without a word.
 */
function reservedKeys(node: unknown, path: PathSegment[], out: ConfigProblem[], depth = 0): void {
  if (node === null || typeof node !== "object" || depth > 64) return;
  if (Array.isArray(node)) {
    node.forEach((item, index) => reservedKeys(item, [...path, index], out, depth + 1));
    return;
  }
  for (const key of Object.keys(node)) {
    if (key === "__proto__") out.push({ path: formatPath([...path, key]), message: "is not allowed as a key (JavaScript reserves it)" });
    else reservedKeys((node as Record<string, unknown>)[key], [...path, key], out, depth + 1);
  }
}

/** Validates a config object (from TypeScript or a parsed file) and applies every default. */
export function parseConfig(input: unknown, source = "config"): ConfigResult {
  const reserved: ConfigProblem[] = [];
  reservedKeys(input, [], reserved);
  if (reserved.length > 0) return { ok: false, problems: reserved, source };
  const result = platformConfigSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data, source };
  return { ok: false, problems: problemsFromZod(result.error, input, keysAt), source };
}

/**
 * YAML and JSON files both go through the YAML 1.2 parser (JSON is a subset), which, unlike
 * JSON.parse, lets us see keys written twice: `services: { api: …, api: … }` silently keeps the
 * last one in JSON.parse, and a dropped service is exactly the kind of mistake a review misses.
 */
function duplicateKeys(node: YamlNode | null | undefined, path: PathSegment[], out: ConfigProblem[]): void {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
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

/** A config of 1,000 services is about 200 KB; anything near this cap is not a hand-written config. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** YAML anchors are for sharing a block or two; a document that expands aliases more is an attack. */
const MAX_ALIAS_COUNT = 100;

/** The yaml library refuses alias floods by throwing; deep nesting overflows the stack. Both are the file's fault. */
function unreadableReason(error: unknown, format: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/alias/i.test(message)) return `is not valid ${format}: it uses aliases more than ${MAX_ALIAS_COUNT} times (an alias flood); write the values out`;
  if (error instanceof RangeError) return `is not valid ${format}: it is nested too deeply to read`;
  return `is not valid ${format}: ${oneLineMessage(message)}`;
}

function oneLineMessage(message: string): string {
  return message.split("\n")[0]!;
}

export function parseConfigText(text: string, fileName: string): ConfigResult {
  try {
    return parseConfigTextUnguarded(text, fileName);
  } catch (error) {
    // The YAML parser and zod recurse: a file nested thousands deep overflows the stack.
    if (error instanceof RangeError) return failure(fileName, unreadableReason(error, extname(fileName).toLowerCase() === ".json" ? "JSON" : "YAML"));
    throw error;
  }
}

function parseConfigTextUnguarded(text: string, fileName: string): ConfigResult {
  const extension = extname(fileName).toLowerCase();
  if (![".json", ".yaml", ".yml"].includes(extension)) {
    return failure(fileName, `${CONFIG_ENV_VAR} must name a .json, .yaml or .yml file`);
  }
  if (extension === ".json") {
    try {
      JSON.parse(text);
    } catch (error) {
      if (error instanceof RangeError) return failure(fileName, unreadableReason(error, "JSON"));
      return failure(fileName, `is not valid JSON: ${jsonErrorMessage((error as Error).message, text)}`);
    }
  }
  // prettyErrors would append a multi-line excerpt to each message; a LineCounter gives the position alone.
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: false, prettyErrors: false, lineCounter });
  if (document.errors.length > 0) {
    const problems = document.errors.map((e) => {
      const position = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      const where = position ? ` at line ${position.line}, column ${position.col}` : "";
      // The parser catches its own stack overflow on deeply nested input and reports it as a parse error.
      if (/Maximum call stack/.test(e.message)) return { path: fileName, message: `is not valid ${extension === ".json" ? "JSON" : "YAML"}: it is nested too deeply to read` };
      return { path: fileName, message: `is not valid ${extension === ".json" ? "JSON" : "YAML"}${where}: ${e.message.split("\n")[0]}` };
    });
    return { ok: false, problems, source: fileName };
  }
  const duplicates: ConfigProblem[] = [];
  let value: unknown;
  try {
    duplicateKeys(document.contents as YamlNode, [], duplicates);
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return failure(fileName, unreadableReason(error, extension === ".json" ? "JSON" : "YAML"));
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return failure(fileName, "must contain a config object at the top level");
  }
  const parsed = parseConfig(value, fileName);
  if (duplicates.length === 0) return parsed;
  return { ok: false, problems: [...duplicates, ...(parsed.ok ? [] : parsed.problems)], source: fileName };
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

function failure(source: string, message: string): ConfigResult {
  return { ok: false, problems: [{ path: source, message }], source };
}

/**
 * Where the config comes from: the file named by PULLGUARD_CONFIG when set, else the embedded
 * TypeScript config. The embedded config is loaded lazily so a file config never pays for it.
 */
export function loadConfig(env: NodeJS.ProcessEnv, embedded: () => PlatformConfigInput): ConfigResult {
  const file = env[CONFIG_ENV_VAR];
  if (file === undefined) return parseConfig(embedded(), "config/platform.ts");
  if (file.trim() === "") return failure(CONFIG_ENV_VAR, "is set but empty; unset it to use config/platform.ts");
  const read = readBounded(file);
  if ("problem" in read) return failure(file, `${read.problem} (named by ${CONFIG_ENV_VAR})`);
  return parseConfigText(read.text, file);
}

/**
 * Reads a config file without ever blocking or reading without end: opened non-blocking (a FIFO
 * with no writer would otherwise wait forever), checked to be a regular file on the open
 * descriptor (no race with a swap), and read up to the size cap.
 */
function readBounded(file: string): { text: string } | { problem: string } {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === "ENOENT" ? "does not exist" : code === "EACCES" ? "is not readable (permission denied)" : code === "ENXIO" ? "is not a regular file (a FIFO, device or socket)" : `cannot be read (${code ?? "unknown error"})` };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { problem: "is a directory" };
    if (!stat.isFile()) return { problem: "is not a regular file (a FIFO, device or socket)" };
    if (stat.size > MAX_CONFIG_BYTES) return { problem: `is ${stat.size} bytes; a config file may be at most ${MAX_CONFIG_BYTES} bytes` };
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > MAX_CONFIG_BYTES) return { problem: `grew past ${MAX_CONFIG_BYTES} bytes while being read` };
    }
    return { text: buffer.subarray(0, length).toString("utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === "EISDIR" ? "is a directory" : `cannot be read (${code ?? "unknown error"})` };
  } finally {
    closeSync(fd);
  }
}
