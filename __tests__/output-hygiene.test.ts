import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { filesUnder } from "../scripts/lib/output-files";

/**
 * Output hygiene through the real app command (scripts/app.js, what `cdktf synth` runs): two
 * syntheses into different directories are byte-identical, and nothing machine-specific leaks in.
 */
jest.setTimeout(60_000);

const root = resolve(__dirname, "..");

function synthInto(outdir: string): void {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
  delete env.PULLGUARD_CONFIG;
  const run = spawnSync(process.execPath, [join(root, "scripts", "app.js")], { cwd: root, env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`synth failed (${run.status}): ${run.stderr}`);
}

const first = mkdtempSync(join(tmpdir(), "pullguard-a-"));
const second = mkdtempSync(join(tmpdir(), "pullguard-b-"));

beforeAll(() => {
  synthInto(first);
  synthInto(second);
});

afterAll(() => {
  rmSync(first, { recursive: true, force: true });
  rmSync(second, { recursive: true, force: true });
});

test("two syntheses into different directories are byte-identical", () => {
  const listing = filesUnder(first);
  expect(listing).toEqual(filesUnder(second));
  expect(listing).toEqual(expect.arrayContaining(["manifest.json", "pull-budget.json", "pull-budget.md", "stacks/dev/cdk.tf.json"]));
  for (const file of listing) expect(readFileSync(join(second, file), "utf8")).toBe(readFileSync(join(first, file), "utf8"));
});

test("no absolute machine path appears anywhere in the output", () => {
  for (const file of filesUnder(first)) {
    const content = readFileSync(join(first, file), "utf8");
    expect({ file, leaks: content.includes(first) || content.includes(root) || content.includes(tmpdir()) }).toEqual({ file, leaks: false });
    expect({ file, match: content.match(/"\/(tmp|home|root|work|Users)\//)?.[0] ?? null }).toEqual({ file, match: null });
  }
});

test("every stack declares its backend explicitly: local state relative, outside cdktf.out", () => {
  for (const stack of readdirSync(join(first, "stacks"))) {
    const json = JSON.parse(readFileSync(join(first, "stacks", stack, "cdk.tf.json"), "utf8"));
    const path: string = json.terraform.backend.local.path;
    expect(isAbsolute(path)).toBe(false);
    // Resolved from the stack directory, the state file lands in <project>/terraform-state/.
    expect(resolve(root, "cdktf.out", "stacks", stack, path)).toBe(join(root, "terraform-state", `${stack}.tfstate`));
  }
});
