import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CliIo } from "./io";

interface Manifest {
  readonly stacks: Record<string, { readonly annotations?: ReadonlyArray<{ level: string; constructPath: string; message: string; stacktrace?: string[] }> }>;
}

/**
 * What the cdktf CLI prints after a synth (@cdktf/cli-core printAnnotations), as scripts/synth.js
 * prints it for `npm run synth`: each annotation once, then the stacks written. An error
 * annotation fails the run (exit 1).
 */
export function printSynthResult(outdirPath: string, outdirShown: string, io: CliIo, check: boolean): number {
  const manifest = JSON.parse(readFileSync(join(outdirPath, "manifest.json"), "utf8")) as Manifest;
  const colors = process.stdout.isTTY && !process.env.NO_COLOR && !process.argv.includes("--no-color");
  const paint = (code: string, text: string) => (colors ? `\x1b[${code}m${text}\x1b[39m` : text);
  let errors = false;
  for (const stack of Object.values(manifest.stacks)) {
    for (const annotation of stack.annotations ?? []) {
      const level = ({ "@cdktf/info": "INFO", "@cdktf/warn": "WARN", "@cdktf/error": "ERROR" } as Record<string, string>)[annotation.level] ?? annotation.level;
      io.stdout(`${paint(level === "WARN" ? "38;5;214" : level === "ERROR" ? "91" : "97", `${level} [${annotation.constructPath}]: ${annotation.message}`)}\n`);
      if (level === "ERROR") errors = true;
    }
  }
  if (errors) {
    io.stderr("While synthesizing one or more error annotations have been encountered. Please check the log output above.\n");
    return 1;
  }
  const names = Object.keys(manifest.stacks);
  if (check) {
    io.stdout(`pullguard synth --check: the config synthesizes ${names.length} stack${names.length === 1 ? "" : "s"} (${names.join(", ")}); nothing written\n`);
    return 0;
  }
  if (names.length === 0) io.stderr("ERROR: No Terraform code synthesized.\n");
  io.stdout(`Generated Terraform code for the stacks: ${names.join(", ")}\n`);
  io.stdout(`Pull-budget report: ${join(outdirShown, "pull-budget.md")}\n`);
  return 0;
}
