import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { platform } from "../../config/platform";
import type { TfJson } from "../../scripts/lib/tf-json-diff-blocks";
import { copy, stack, type Any } from "../helpers/tf-json-stack";

describe("npm run diff (scripts/diff.ts)", () => {
  const root = resolve(__dirname, "..", "..");
  const temp: string[] = [];

  function tempDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    temp.push(dir);
    return dir;
  }

  function diffCli(...args: string[]) {
    return spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/diff.ts", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  }

  function writeOut(dir: string, stacks: Record<string, TfJson>): void {
    for (const [name, tf] of Object.entries(stacks)) {
      mkdirSync(join(dir, "stacks", name), { recursive: true });
      writeFileSync(join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(tf, null, 2));
    }
  }

  afterAll(() => {
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  });

  it(
    "reports no changes between two syntheses of the current tree (output is deterministic)",
    () => {
      const [a, b] = [tempDir("pullguard-diff-test-a-"), tempDir("pullguard-diff-test-b-")];
      const env = { ...process.env };
      delete env.PULLGUARD_CONFIG;
      for (const out of [a, b]) {
        const synth = spawnSync(process.execPath, ["scripts/app.js"], { cwd: root, env: { ...env, CDKTF_OUTDIR: out }, encoding: "utf8", timeout: 60_000 });
        expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: "" });
      }
      const run = diffCli("--base-dir", a, "--head-dir", b);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("No changes in synthesized stacks.");
      expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("0 stacks changed: +0 ~0 -0 resources");
    },
    120_000,
  );

  it(
    "exits 0 with a difference, prints JSON with --json, and exits 2 on usage errors",
    () => {
      const [a, b] = [tempDir("pullguard-diff-test-c-"), tempDir("pullguard-diff-test-d-")];
      const head: Any = copy(stack());
      head.resource.aws_ecs_service["service-orders_service_E0105FFD"].desired_count = 3;
      writeOut(a, { dev: stack() });
      writeOut(b, { dev: head });

      const text = diffCli("--base-dir", a, "--head-dir", b);
      expect(text.status).toBe(0);
      expect(text.stdout).toContain("      desired_count: 2 → 3\n");
      expect(text.stdout.trimEnd().split("\n").at(-1)).toBe("1 stacks changed: +0 ~1 -0 resources");

      const json = diffCli("--json", "--base-dir", a, "--head-dir", b);
      expect(json.status).toBe(0);
      const report = JSON.parse(json.stdout);
      expect(report.summary).toEqual({ stacksChanged: 1, resources: { added: 0, changed: 1, removed: 0 } });
      expect(report.stacks[0].blocks[0].attributes).toEqual([{ path: "desired_count", change: "changed", before: 2, after: 3 }]);

      const usage = diffCli("--base-dir", a, "--head-dir", join(b, "missing"));
      expect(usage.status).toBe(2);
      expect(usage.stdout).toBe("");
      expect(usage.stderr.trim().split("\n")).toHaveLength(1);
      expect(diffCli("--frobnicate").status).toBe(2);
    },
    120_000,
  );

  it(
    "prints for docs/diff.md's change to the embedded example exactly what the docs show",
    () => {
      // The change the docs describe: web to nginx:1.27.4 and a new api service in dev, orders to 6 tasks in staging.
      const changed: Any = copy(platform);
      const dev = changed.environments.dev.services;
      changed.environments.dev.services = { web: { ...dev.web, image: "nginx:1.27.4" }, api: { image: "111111111111.dkr.ecr.us-east-1.amazonaws.com/api:5e1a7b0", port: 9000, desiredCount: 2 }, orders: dev.orders };
      changed.environments.staging.services.orders.desiredCount = 6;
      const dir = tempDir("pullguard-diff-test-docs-");
      writeFileSync(join(dir, "platform.json"), JSON.stringify(changed));
      const env = { ...process.env };
      delete env.PULLGUARD_CONFIG;
      for (const [out, config] of [[join(dir, "base"), undefined], [join(dir, "head"), join(dir, "platform.json")]] as const) {
        const synthEnv = config ? { ...env, CDKTF_OUTDIR: out, PULLGUARD_CONFIG: config } : { ...env, CDKTF_OUTDIR: out };
        const synth = spawnSync(process.execPath, ["scripts/app.js"], { cwd: root, env: synthEnv, encoding: "utf8", timeout: 60_000 });
        expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: "" });
      }
      const budgetFile = join(dir, "budget.md");
      const run = diffCli("--base-dir", join(dir, "base"), "--head-dir", join(dir, "head"), "--budget-markdown", budgetFile);
      expect(run.status).toBe(0);
      const docs = readFileSync(join(root, "docs", "diff.md"), "utf8");
      // The Markdown example too: the docs cut the two legend lines short ("…"), every other line is the file's.
      const written = readFileSync(budgetFile, "utf8").split("\n");
      const markdownExample = /```markdown\n([\s\S]*?)```/.exec(docs)![1]!.split("\n");
      const legends = markdownExample.filter((l) => l.includes("…"));
      expect(legends).toHaveLength(2);
      expect(markdownExample.filter((l) => !l.includes("…"))).toEqual(written.filter((l) => !legends.some((legend) => l.startsWith(legend.split("…")[0]!))));
      const example = /## Example\n[\s\S]*?```\n([\s\S]*?)```/.exec(docs)![1]!;
      // The first line names the two sides: a git ref in the docs, two directories here.
      expect(example.split("\n")[0]).toMatch(/^pullguard diff: HEAD \([0-9a-f]{12}\) → working tree$/);
      expect(run.stdout.split("\n").slice(1).join("\n")).toBe(example.split("\n").slice(1).join("\n"));
    },
    120_000,
  );
});
