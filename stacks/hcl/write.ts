import type { BlockPaths } from "./block-paths";
import { alignedEntries, bareExpression, expression, indent, literalExpression, quotedTemplate, type Entry, type Lines } from "./expressions";
import { byCodePoint } from "../../core/sort";

/**
 * A stack's Terraform JSON configuration (what cdk.tf.json holds) written as one HCL file. The
 * values are the JSON output's, so both formats plan the same resources at the same addresses;
 * the arguments Terraform's JSON syntax spells as strings but native syntax as bare expressions
 * (depends_on, lifecycle.ignore_changes, a variable's type) are converted here.
 */

type Json = Record<string, unknown>;

const sortedKeys = (value: Json) => Object.keys(value).sort(byCodePoint);

/** Sections in the order a reader expects them; anything else is refused rather than mis-rendered. */
const SECTIONS = ["//", "terraform", "provider", "variable", "locals", "data", "resource", "output", "moved", "import"] as const;

function asObject(value: unknown, where: string): Json {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`HCL output: ${where} is not an object`);
  return value as Json;
}

function traversalList(value: unknown): Lines {
  const items = Array.isArray(value) ? value.map((v) => bareExpression(String(v))) : [];
  return [`[${items.join(", ")}]`];
}

interface BodyRules {
  /** Dotted paths (relative to this body) of attributes that are nested blocks. */
  readonly blocks: ReadonlySet<string>;
  /** Attributes written as bare expressions rather than values. */
  readonly bare?: Readonly<Record<string, (value: unknown) => Lines>>;
  /** Nested blocks with their own rules (lifecycle, validation). */
  readonly special?: Readonly<Record<string, BodyRules>>;
}

function block(header: string, body: Lines): string[] {
  return body.length === 0 ? [`${header} {}`] : [`${header} {`, ...indent(body), "}"];
}

function body(value: Json, rules: BodyRules, prefix = ""): string[] {
  const entries: Entry[] = [];
  const blocks: string[][] = [];
  for (const key of sortedKeys(value)) {
    if (key === "//") continue; // cdktf's construct metadata: metadata.json keeps it
    const item = value[key];
    const path = `${prefix}${key}`;
    const special = rules.special?.[key];
    if (special !== undefined || rules.blocks.has(path)) {
      const nested = special ?? rules;
      const nestedPrefix = special ? "" : `${path}.`;
      for (const element of Array.isArray(item) ? item : [item]) blocks.push(block(key, body(asObject(element, path), nested, nestedPrefix)));
      continue;
    }
    const bare = rules.bare?.[key];
    entries.push({ key, value: bare ? bare(item) : expression(item) });
  }
  const lines = alignedEntries(entries);
  for (const b of blocks) lines.push(...(lines.length > 0 ? ["", ...b] : b));
  return lines;
}

const LIFECYCLE: BodyRules = { blocks: new Set(), bare: { ignore_changes: traversalList, replace_triggered_by: traversalList } };
const META_ARGUMENTS = { depends_on: traversalList, provider: (v: unknown) => [bareExpression(String(v))] };

function terraformBlock(terraform: Json): string[] {
  const rest: Json = { ...terraform };
  delete rest.required_providers;
  delete rest.backend;
  const lines = body(rest, { blocks: new Set(["cloud"]) });
  if (terraform.required_providers !== undefined) {
    lines.push(...block("required_providers", body(asObject(terraform.required_providers, "terraform.required_providers"), { blocks: new Set() })));
  }
  const backends = asObject(terraform.backend ?? {}, "terraform.backend");
  for (const name of sortedKeys(backends)) {
    const settings = asObject(backends[name], `terraform.backend.${name}`);
    const literal = Object.fromEntries(Object.keys(settings).map((k) => [k, literalExpression]));
    lines.push(...block(`backend ${quotedTemplate(name)}`, body(settings, { blocks: new Set(), bare: literal })));
  }
  return block("terraform", lines);
}

function labelled(kind: string, labels: readonly string[], lines: Lines): string[] {
  return block(`${kind} ${labels.map(quotedTemplate).join(" ")}`, lines);
}

function elements(kind: "resource" | "data", section: Json, paths: BlockPaths): string[][] {
  const out: string[][] = [];
  for (const type of sortedKeys(section)) {
    const byName = asObject(section[type], `${kind}.${type}`);
    for (const name of sortedKeys(byName)) {
      const blocks = paths.get(`${kind}.${type}.${name}`) ?? new Set<string>();
      out.push(labelled(kind, [type, name], body(asObject(byName[name], `${kind}.${type}.${name}`), { blocks, bare: META_ARGUMENTS, special: { lifecycle: LIFECYCLE } })));
    }
  }
  return out;
}

/** The whole file: top-level blocks separated by one blank line, ending in a newline. */
export function configToHcl(config: Json, paths: BlockPaths): string {
  for (const key of Object.keys(config)) {
    if (!(SECTIONS as readonly string[]).includes(key)) throw new Error(`HCL output: top-level "${key}" is not supported; use the JSON output`);
  }
  const blocks: string[][] = [];
  if (config.terraform !== undefined) blocks.push(terraformBlock(asObject(config.terraform, "terraform")));
  const providers = asObject(config.provider ?? {}, "provider");
  for (const name of sortedKeys(providers)) {
    const instances = providers[name];
    (Array.isArray(instances) ? instances : [instances]).forEach((instance, i) => {
      blocks.push(labelled("provider", [name], body(asObject(instance, `provider.${name}`), { blocks: paths.get(`provider.${name}.${i}`) ?? new Set() })));
    });
  }
  const variables = asObject(config.variable ?? {}, "variable");
  for (const name of sortedKeys(variables)) {
    const rules: BodyRules = { blocks: new Set(), bare: { type: (v) => [bareExpression(String(v))], default: literalExpression, description: literalExpression }, special: { validation: { blocks: new Set() } } };
    blocks.push(labelled("variable", [name], body(asObject(variables[name], `variable.${name}`), rules)));
  }
  if (config.locals !== undefined) blocks.push(block("locals", body(asObject(config.locals, "locals"), { blocks: new Set() })));
  blocks.push(...elements("data", asObject(config.data ?? {}, "data"), paths));
  blocks.push(...elements("resource", asObject(config.resource ?? {}, "resource"), paths));
  const outputs = asObject(config.output ?? {}, "output");
  for (const name of sortedKeys(outputs)) {
    blocks.push(labelled("output", [name], body(asObject(outputs[name], `output.${name}`), { blocks: new Set(), bare: { ...META_ARGUMENTS, description: literalExpression }, special: { precondition: { blocks: new Set() } } })));
  }
  // Moved blocks (core/upgrade): `from` and `to` are resource addresses, bare in native syntax.
  const moved = config.moved === undefined ? [] : (config.moved as unknown[]);
  if (!Array.isArray(moved)) throw new Error("HCL output: moved is not a list");
  const address = (v: unknown) => [bareExpression(String(v))];
  moved.forEach((item, i) => blocks.push(block("moved", body(asObject(item, `moved[${i}]`), { blocks: new Set(), bare: { from: address, to: address } }))));
  // Import blocks (registry singletons that exist): `to` is a resource address, bare in native syntax.
  const imports = config.import === undefined ? [] : (config.import as unknown[]);
  if (!Array.isArray(imports)) throw new Error("HCL output: import is not a list");
  imports.forEach((item, i) => blocks.push(block("import", body(asObject(item, `import[${i}]`), { blocks: new Set(), bare: { to: (v) => [bareExpression(String(v))] } }))));
  return `${stampComment(config["//"])}${blocks.map((b) => b.join("\n")).join("\n\n")}\n`;
}

/**
 * The version stamp the JSON keeps in its `//` metadata, as the file's first line: HCL has no
 * metadata block. The config's name is user text, so it is written as a JSON string (no line break
 * can end the comment early).
 */
function stampComment(metadata: unknown): string {
  const stamp = metadata !== null && typeof metadata === "object" && !Array.isArray(metadata) ? (metadata as Json).pullguard : undefined;
  if (stamp === null || typeof stamp !== "object" || Array.isArray(stamp)) return "";
  const { version, config } = stamp as Json;
  return `# Synthesized by pullguard ${JSON.stringify(version)} from ${JSON.stringify(config)}.\n\n`;
}
