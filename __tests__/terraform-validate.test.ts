import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * Opt-in: `PULLGUARD_TF_VALIDATE=1 npm test` runs `terraform init -backend=false` and
 * `terraform validate` on every synthesized stack. It needs the terraform binary and the
 * hashicorp/aws provider (downloaded, or from a plugin cache or filesystem mirror), so it is off by
 * default and says why it skipped. Nothing here talks to AWS.
 */
const root = resolve(__dirname, "..");
const requested = process.env.PULLGUARD_TF_VALIDATE === "1";

function terraformVersion(): string | undefined {
  const run = spawnSync("terraform", ["version", "-json"], { encoding: "utf8" });
  if (run.status !== 0) return undefined;
  try {
    return (JSON.parse(run.stdout) as { terraform_version: string }).terraform_version;
  } catch {
    return undefined;
  }
}

/** Can terraform install hashicorp/aws here (download, plugin cache or mirror)? Probed once, on a one-line config. */
function providerProblem(): string | undefined {
  const probe = mkdtempSync(join(tmpdir(), "pullguard-tf-probe-"));
  try {
    writeFileSync(join(probe, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "~> 6.25" } } } }));
    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd: probe, encoding: "utf8" });
    if (init.status === 0) return undefined;
    const error = `${init.stderr}${init.stdout}`.split("\n").find((l) => /Error:/.test(l))?.trim() ?? "terraform init failed";
    return `the hashicorp/aws provider cannot be installed (${error}); provide it through TF_PLUGIN_CACHE_DIR or a filesystem mirror`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const version = requested ? terraformVersion() : undefined;
const skipReason = !requested
  ? "set PULLGUARD_TF_VALIDATE=1 to run it"
  : version === undefined
    ? "no terraform binary on PATH"
    : providerProblem();
if (requested && skipReason !== undefined) console.warn(`terraform validate skipped: ${skipReason}`);

if (skipReason !== undefined) {
  test.skip(`terraform validate on every stack (skipped: ${skipReason})`, () => undefined);
} else {
  jest.setTimeout(600_000);
  const outdir = mkdtempSync(join(tmpdir(), "pullguard-validate-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test(`terraform ${version} validates every stack`, () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
    delete env.PULLGUARD_CONFIG;
    const synth = spawnSync(process.execPath, [join(root, "scripts", "app.js")], { cwd: root, env, encoding: "utf8" });
    expect(synth.stderr).toBe("");
    expect(synth.status).toBe(0);
    const stacks = readdirSync(join(outdir, "stacks")).sort();
    expect(stacks.length).toBeGreaterThan(0);
    for (const stack of stacks) {
      const cwd = join(outdir, "stacks", stack);
      const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd, encoding: "utf8" });
      if (init.status !== 0) {
        const reason = `${init.stderr}${init.stdout}`.split("\n").find((l) => /Error:/.test(l)) ?? "terraform init failed";
        throw new Error(`terraform init failed in ${stack} although the provider probe passed: ${reason.trim()}`);
      }
      const validate = spawnSync("terraform", ["validate", "-json", "-no-color"], { cwd, encoding: "utf8" });
      const result = JSON.parse(validate.stdout) as { valid: boolean; diagnostics: Array<{ severity: string; summary: string; detail?: string }> };
      expect({ stack, valid: result.valid, errors: result.diagnostics.filter((d) => d.severity === "error") }).toEqual({ stack, valid: true, errors: [] });
    }
  });
}
