import { readFileSync } from "node:fs";
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

/** Validates a config object (from TypeScript or a parsed file) and applies every default. */
export function parseConfig(input: unknown, source = "config"): ConfigResult {
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

export function parseConfigText(text: string, fileName: string): ConfigResult {
  const extension = extname(fileName).toLowerCase();
  if (![".json", ".yaml", ".yml"].includes(extension)) {
    return failure(fileName, `${CONFIG_ENV_VAR} must name a .json, .yaml or .yml file`);
  }
  if (extension === ".json") {
    try {
      JSON.parse(text);
    } catch (error) {
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
      return { path: fileName, message: `is not valid ${extension === ".json" ? "JSON" : "YAML"}${where}: ${e.message.split("\n")[0]}` };
    });
    return { ok: false, problems, source: fileName };
  }
  const duplicates: ConfigProblem[] = [];
  duplicateKeys(document.contents as YamlNode, [], duplicates);
  const value: unknown = document.toJS({ maxAliasCount: 100 });
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
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "is not readable (permission denied)" : `cannot be read (${code ?? "unknown error"})`;
    return failure(file, `${reason} (named by ${CONFIG_ENV_VAR})`);
  }
  return parseConfigText(text, file);
}
