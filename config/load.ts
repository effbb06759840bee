import { extname } from "node:path";
import { z } from "zod";
import { CONFIG_ENV_VAR, readConfigFile, resolveConfigPath } from "./config-file";
import { readConfigDocument, unreadableReason, type ConfigDocument } from "./config-document";
import { locateProblems } from "./config-locations";
import { formatPath, problemsFromZod, type ConfigProblem, type PathSegment } from "./problems";
import { platformConfigSchema, type PlatformConfig, type PlatformConfigInput } from "./schema";
import { versionProblems } from "./schema-version";

/**
 * `source` names the config as the user named it (safe to write into a report); `resolvedPath`,
 * set when it is a file, is the absolute path read, for terminal messages only.
 */
export type ConfigResult =
  | { readonly ok: true; readonly config: PlatformConfig; readonly source: string; readonly resolvedPath?: string }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[]; readonly source: string; readonly resolvedPath?: string };

export { CONFIG_ENV_VAR, MAX_CONFIG_BYTES, resolveConfigPath } from "./config-file";

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
  // A key a later schema version renamed: say what it became, not that it is unknown.
  const renamed = versionProblems(input);
  if (renamed.length > 0) return { ok: false, problems: renamed, source };
  const result = platformConfigSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data, source };
  return { ok: false, problems: problemsFromZod(result.error, input, keysAt), source };
}

/**
 * A config file's text (config-document.ts reads it), validated; each problem says where in the
 * file it is (config-locations.ts).
 */
export function parseConfigText(text: string, fileName: string): ConfigResult {
  const extension = extname(fileName).toLowerCase();
  if (![".json", ".yaml", ".yml"].includes(extension)) {
    return failure(fileName, `${CONFIG_ENV_VAR} must name a .json, .yaml or .yml file`);
  }
  const format = extension === ".json" ? "JSON" : "YAML";
  try {
    return parseConfigDocument(readConfigDocument(text, format, fileName), fileName);
  } catch (error) {
    // The YAML parser and zod recurse: a file nested thousands deep overflows the stack.
    if (error instanceof RangeError) return failure(fileName, unreadableReason(error, format));
    throw error;
  }
}

function parseConfigDocument(read: ConfigDocument, fileName: string): ConfigResult {
  if (!read.ok) return { ok: false, problems: read.problems, source: fileName };
  const parsed = parseConfig(read.value, fileName);
  if (parsed.ok && read.duplicates.length === 0) return parsed;
  const problems = [...read.duplicates, ...(parsed.ok ? [] : parsed.problems)];
  return { ok: false, problems: locateProblems(problems, read.file), source: fileName };
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
  // A relative path is the user's, relative to where they typed the command (config-file.ts).
  const resolvedPath = resolveConfigPath(file, env);
  const read = readConfigFile(resolvedPath);
  if ("problem" in read) {
    const named = resolvedPath === file ? `named by ${CONFIG_ENV_VAR}` : `named by ${CONFIG_ENV_VAR}, resolved to ${resolvedPath}`;
    return { ...failure(file, `${read.problem} (${named})`), resolvedPath };
  }
  return { ...parseConfigText(read.text, file), resolvedPath };
}

/** The config for a terminal line: as named, with the absolute path read when that differs. */
export function configLabel(result: ConfigResult): string {
  return result.resolvedPath === undefined || result.resolvedPath === result.source ? result.source : `${result.source} (${result.resolvedPath})`;
}
