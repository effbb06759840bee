/**
 * Writes config/pullguard.schema.json, the JSON Schema of PlatformConfig for editor completion of
 * JSON/YAML configs (`# yaml-language-server: $schema=...`). `--check` fails when the committed
 * file is not what the zod schema generates, so the two cannot drift (npm test runs it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { platformConfigSchema } from "../config/schema";

const target = join(__dirname, "..", "config", "pullguard.schema.json");
const schema = { ...z.toJSONSchema(platformConfigSchema, { io: "input", unrepresentable: "any" }), title: "pullguard platform config" };
const text = `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error("config/pullguard.schema.json is out of date with config/schema.ts: run `npm run schema` and commit it");
    process.exit(1);
  }
  console.log("config/pullguard.schema.json is current");
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target.slice(join(__dirname, "..").length + 1)}`);
}
