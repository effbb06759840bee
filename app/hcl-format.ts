/**
 * HCL output formatted as `cdktf synth --hcl` formats it (@cdktf/hcl-tools, the CLI's own
 * formatter), in the staging tree before it is swapped in, so that no reader sees a half-formatted
 * tree. Under the CLI, it formats the files again after the app: formatting is idempotent.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

type Format = (hcl: string) => Promise<string>;

function loadFormat(): Format | undefined {
  try {
    // Loaded at run time, not bundled: the formatter reads its WebAssembly from its own directory.
    return (createRequire(__filename)("@cdktf/hcl-tools") as { format: Format }).format;
  } catch {
    return undefined; // a build without the cdktf CLI (compat/cdktn) writes HCL unformatted
  }
}

/** Formats every stack file the manifest in `outdir` lists. */
export async function formatHclStacks(outdir: string): Promise<void> {
  const format = loadFormat();
  if (!format) return;
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
  for (const stack of Object.values(manifest.stacks)) {
    const file = join(outdir, stack.synthesizedStackPath);
    writeFileSync(file, await format(readFileSync(file, "utf8")));
  }
}
