/**
 * Writes the two artifacts generated from config/schema.ts:
 * - config/pullguard.schema.json, the JSON Schema of PlatformConfig for editor completion of
 *   JSON/YAML configs (`# yaml-language-server: $schema=...`);
 * - docs/configuration.md, the config reference: every field with its type, default and why.
 * `--check` fails when either committed file is not what the schema generates, so neither can
 * drift from the code (npm test runs it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { EXTENSION_KEY_PREFIX } from "../config/config-document";
import { CONFIG_FILES } from "./config-files-doc";
import { platformConfigSchema } from "../config/schema";

const root = join(__dirname, "..");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonSchema = Record<string, any>;

// Top-level `x-` keys hold shared YAML blocks and are ignored (config/config-document.ts): editors must not flag them.
const schema: JsonSchema = {
  ...z.toJSONSchema(platformConfigSchema, { io: "input", unrepresentable: "any" }),
  patternProperties: { [`^${EXTENSION_KEY_PREFIX}`]: {} },
  title: "pullguard platform config",
};

function typeOf(node: JsonSchema): string {
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((v: unknown) => `\`${JSON.stringify(v)}\``).join(" \\| ");
  if (node.anyOf || node.oneOf) return (node.anyOf ?? node.oneOf).map(typeOf).join(" \\| ");
  if (node.type === "array") return `list of ${typeOf(node.items ?? {})}`;
  if (node.type === "object" && node.additionalProperties && typeof node.additionalProperties === "object" && !node.properties) {
    return `map of ${typeOf(node.additionalProperties)}`;
  }
  if (node.type === "object") return "object";
  if (node.type === "integer") return "integer";
  return node.type ?? "any";
}

function constraints(node: JsonSchema): string {
  const parts: string[] = [];
  if (node.minimum !== undefined && node.minimum > -9007199254740991) parts.push(`≥ ${node.minimum}`);
  if (node.exclusiveMinimum !== undefined) parts.push(`> ${node.exclusiveMinimum}`);
  if (node.maximum !== undefined && node.maximum < 9007199254740991) parts.push(`≤ ${node.maximum}`);
  if (node.minLength !== undefined) parts.push(`length ≥ ${node.minLength}`);
  if (node.maxLength !== undefined) parts.push(`length ≤ ${node.maxLength}`);
  if (node.minItems !== undefined) parts.push(`≥ ${node.minItems} items`);
  if (node.maxItems !== undefined) parts.push(`≤ ${node.maxItems} items`);
  return parts.join(", ");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Objects to document, breadth first, each under the dotted path users write in errors. */
function collect(node: JsonSchema, path: string, out: Array<{ path: string; node: JsonSchema }>): void {
  if (!node || typeof node !== "object") return;
  if (node.type === "object" && node.properties) {
    out.push({ path, node });
    for (const [key, child] of Object.entries(node.properties as Record<string, JsonSchema>)) collect(child, path ? `${path}.${key}` : key, out);
  } else if (node.type === "object" && node.additionalProperties && typeof node.additionalProperties === "object") {
    collect(node.additionalProperties, `${path}.<name>`, out);
  } else if (node.type === "array" && node.items) {
    collect(node.items, `${path}[]`, out);
  } else if (node.anyOf || node.oneOf) {
    for (const option of node.anyOf ?? node.oneOf) collect(option, path, out);
  }
}

function markdown(): string {
  const sections: Array<{ path: string; node: JsonSchema }> = [];
  collect(schema, "", sections);
  const lines = [
    "# Configuration reference",
    "",
    "Generated from `config/schema.ts` by `npm run schema` (`npm test` fails when it is stale). The same",
    "schema types `config/platform.ts` and validates files named by `PULLGUARD_CONFIG`; its JSON Schema is",
    "`config/pullguard.schema.json`. `<name>` stands for a key you choose (an account alias, an environment,",
    "a service, a Region). A field with a default may be left out; every default is applied in the schema,",
    "in one place.",
    "",
    ...CONFIG_FILES,
  ];
  const seen = new Set<string>();
  for (const { path, node } of sections) {
    const key = `${path}|${Object.keys(node.properties).join(",")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push("", `## \`${path || "(top level)"}\``, "");
    if (node.description) lines.push(node.description, "");
    lines.push("| field | type | required | default | constraints | description |", "|---|---|---|---|---|---|");
    const required = new Set<string>(node.required ?? []);
    for (const [field, child] of Object.entries(node.properties as Record<string, JsonSchema>)) {
      const description = child.description ?? child.additionalProperties?.description ?? "";
      lines.push(
        `| \`${field}\` | ${cell(typeOf(child))} | ${required.has(field) ? "yes" : "no"} | ${child.default !== undefined ? `\`${cell(JSON.stringify(child.default))}\`` : ""} | ${cell(constraints(child))} | ${cell(description)} |`,
      );
    }
  }
  lines.push("");
  return lines.join("\n");
}

const outputs: Array<[string, string]> = [
  [join(root, "config", "pullguard.schema.json"), `${JSON.stringify(schema, null, 2)}\n`],
  [join(root, "docs", "configuration.md"), markdown()],
];

if (process.argv.includes("--check")) {
  const stale = outputs.filter(([file, text]) => {
    try {
      return readFileSync(file, "utf8") !== text;
    } catch {
      return true;
    }
  });
  for (const [file] of stale) console.error(`${file.slice(root.length + 1)} is out of date with config/schema.ts: run \`npm run schema\` and commit it`);
  if (stale.length > 0) process.exit(1);
  console.log("config/pullguard.schema.json and docs/configuration.md are current");
} else {
  for (const [file, text] of outputs) {
    writeFileSync(file, text);
    console.log(`wrote ${file.slice(root.length + 1)}`);
  }
}
