import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

/**
 * The GitHub workflows, offline (docs/ci.md): parsed as YAML and checked for what broke before
 * (terraform used before it is set up, the example planned instead of the team's config), with the
 * shell that picks the plan matrix and the apply waves run for real against golden outputs.
 */
const root = join(__dirname, "..", "..");
const workflowsDir = join(root, ".github", "workflows");
type Step = { uses?: string; run?: string; name?: string; id?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { steps?: Step[]; uses?: string; needs?: string | string[]; if?: string; strategy?: { matrix?: Record<string, unknown> }; with?: Record<string, string>; outputs?: Record<string, string> };
type Workflow = { on: unknown; env?: Record<string, string>; jobs: Record<string, Job> };
const files = readdirSync(workflowsDir).filter((f) => f.endsWith(".yml")).sort();
const workflow = (file: string) => parse(readFileSync(join(workflowsDir, file), "utf8")) as Workflow;

test("the workflows are plan, apply (with its wave) and test, each under 300 lines", () => {
  expect(files).toEqual(["apply-wave.yml", "apply.yml", "plan.yml", "test.yml"]);
  for (const file of files) expect(readFileSync(join(workflowsDir, file), "utf8").split("\n").length).toBeLessThanOrEqual(300);
});

test.each(files)("%s: every action is pinned to an exact version (or is a workflow of this repository)", (file) => {
  const uses = Object.values(workflow(file).jobs).flatMap((job) => [job.uses, ...(job.steps ?? []).map((s) => s.uses)]).filter((u): u is string => u !== undefined);
  expect(uses.length).toBeGreaterThan(0);
  for (const use of uses) expect(use).toMatch(/^(\.\/\.github\/workflows\/[a-z-]+\.yml|[\w.-]+\/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40}))$/);
});

const needsTerraform = (step: Step) => /\bterraform\b|npm run synth|npm test|stack-terraform\.sh/.test(step.run ?? "");

test.each(files)("%s: terraform is set up, at the pinned version, before any step that runs terraform, synth or tests", (file) => {
  const wf = workflow(file);
  for (const [name, job] of Object.entries(wf.jobs)) {
    const steps = job.steps ?? [];
    const setup = steps.findIndex((s) => s.uses?.startsWith("hashicorp/setup-terraform@"));
    const first = steps.findIndex(needsTerraform);
    if (first === -1) continue;
    expect({ job: name, setup: setup !== -1 && setup < first }).toEqual({ job: name, setup: true });
    expect(steps[setup]!.with).toEqual({ terraform_version: "${{ env.TERRAFORM_VERSION }}", terraform_wrapper: false });
    expect(wf.env?.TERRAFORM_VERSION).toBe("1.11.4");
  }
});

test("npm test runs only in test.yml, after terraform is set up; plan and apply never run it", () => {
  const withTests = files.filter((f) => Object.values(workflow(f).jobs).some((j) => (j.steps ?? []).some((s) => /npm test/.test(s.run ?? ""))));
  expect(withTests).toEqual(["test.yml"]);
  expect(workflow("test.yml").jobs.test!.steps!.map((s) => s.uses ?? s.run)).toEqual(["actions/checkout@v4.2.2", "hashicorp/setup-terraform@v3.1.2", "actions/setup-node@v4.4.0", "npm ci", "npm test"]);
});

/** Runs a step's shell in a scratch repository; returns what it appended to GITHUB_ENV and GITHUB_OUTPUT. */
function runStep(step: Step, setUp: (dir: string) => void, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "pullguard-workflow-"));
  try {
    setUp(dir);
    const run = spawnSync("bash", ["-eo", "pipefail", "-c", step.run!], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH, GITHUB_ENV: join(dir, "env"), GITHUB_OUTPUT: join(dir, "output"), ...env } });
    const read = (f: string) => {
      try {
        return readFileSync(join(dir, f), "utf8");
      } catch {
        return "";
      }
    };
    return { status: run.status, env: read("env"), output: read("output"), stdout: run.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const stepNamed = (job: Job, name: string) => job.steps!.find((s) => s.name === name)!;

describe.each(["plan.yml", "apply.yml"])("%s synthesizes the repository's own config", (file) => {
  const synth = workflow(file).jobs.synth!;
  const choose = stepNamed(synth, "Choose the config");

  test("the config is chosen before the synth, which reads it from the environment", () => {
    const names = synth.steps!.map((s) => s.name ?? s.uses ?? s.run);
    expect(names.indexOf("Choose the config")).toBeLessThan(names.indexOf("Synthesize"));
    expect(choose.env).toEqual({ CONFIG_VAR: "${{ vars.PULLGUARD_CONFIG }}" });
    expect(JSON.stringify(synth.steps)).not.toContain("config/examples");
  });

  test("variable first, then pullguard.config.yaml/.yml/.json at the root, else the embedded config", () => {
    const touch = (names: string[]) => (dir: string) => names.forEach((n) => spawnSync("touch", [join(dir, n)]));
    expect(runStep(choose, touch(["pullguard.config.yaml"]), { CONFIG_VAR: "ops/platform.yaml" }).env).toBe("PULLGUARD_CONFIG=ops/platform.yaml\n");
    expect(runStep(choose, touch(["pullguard.config.yml", "pullguard.config.json"])).env).toBe("PULLGUARD_CONFIG=pullguard.config.yml\n");
    expect(runStep(choose, touch(["pullguard.config.json"])).env).toBe("PULLGUARD_CONFIG=pullguard.config.json\n");
    const embedded = runStep(choose, touch([]));
    expect(embedded.env).toBe("");
    expect(embedded.stdout).toContain("the embedded config (config/platform.ts)");
  });
});

const golden = (example: string) => (dir: string) => symlinkSync(join(root, "__tests__", "golden", example), join(dir, "cdktf.out"));

test("plan.yml: one plan job per stack, the matrix read from the synthesized manifest", () => {
  const wf = workflow("plan.yml");
  expect(wf.jobs.plan!.strategy!.matrix).toEqual({ stack: "${{ fromJSON(needs.synth.outputs.stacks) }}" });
  expect(wf.jobs.synth!.outputs!.stacks).toBe("${{ steps.stacks.outputs.stacks }}");
  expect(runStep(stepNamed(wf.jobs.synth!, "Stacks to plan"), golden("minimal")).output).toBe('stacks=["prod","registry-123456789012-eu-west-1"]\n');
  expect(wf.jobs.comment!.needs).toEqual(["synth", "plan"]);
  const collect = wf.jobs.comment!.steps!.find((s) => s.with?.pattern !== undefined)!;
  expect(collect.with).toEqual({ pattern: "pullguard-plan-*", path: "${{ env.PG_OUT }}/plans", "merge-multiple": true });
});

test("apply.yml: one job per wave, each needing the one before, fed the deploy order's waves", () => {
  const wf = workflow("apply.yml");
  const waves = Object.keys(wf.jobs).filter((j) => j.startsWith("wave-"));
  expect(waves).toEqual(["wave-1", "wave-2", "wave-3", "wave-4"]);
  expect(wf.env!.WAVE_JOBS).toBe("4");
  waves.forEach((name, i) => {
    const job = wf.jobs[name]!;
    expect(job.needs).toEqual(i === 0 ? "synth" : ["synth", `wave-${i}`]);
    expect(job.with!.stacks).toBe(`\${{ needs.synth.outputs.wave_${i + 1} }}`);
    expect(job.uses).toBe("./.github/workflows/apply-wave.yml");
  });
  const step = stepNamed(wf.jobs.synth!, "Waves from the deploy order");
  // Hand-read from the estate example's golden pull-budget.json deployOrder.
  expect(runStep(step, golden("estate-three-accounts"), { WAVE_JOBS: "4" }).output).toBe(
    'wave_1=["registry-111122223333-us-east-1"]\nwave_2=["registry-222233334444-us-east-1","registry-333344445555-us-east-1","registry-333344445555-us-west-2"]\nwave_3=["prod-us-east-1","prod-us-west-2","staging"]\nwave_4=[]\n',
  );
  const tooMany = runStep(step, golden("estate-three-accounts"), { WAVE_JOBS: "2" });
  expect(tooMany.status).toBe(1);
  expect(tooMany.stdout).toContain("::error::the deploy order has 3 waves; apply.yml has jobs for 2 (add a wave job)");
  expect(workflow("apply-wave.yml").jobs.apply!.strategy!.matrix).toEqual({ stack: "${{ fromJSON(inputs.stacks) }}" });
});

test("the stack script is valid bash", () => {
  expect(spawnSync("bash", ["-n", join(root, ".github", "scripts", "stack-terraform.sh")]).status).toBe(0);
});

describe("the plan comment (.github/scripts/plan-comment.js)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const comment = require("../../.github/scripts/plan-comment.js") as {
    inert: (s: string) => string;
    fence: (s: string) => string;
    applyOrder: (budget: string | null, dir: string) => string[];
    buildComment: (context: object, env: Record<string, string>, out: string, cdktfOut: string) => string;
  };

  test("inert: no HTML, code span, line break, pipe or link survives", () => {
    expect(comment.inert("a|b <img src=x onerror=alert(1)>\n`x` [l](javascript:y) & *b*")).toBe("a\\|b &lt;img src=x onerror=alert(1)&gt; \\`x\\` \\[l\\](javascript:y) &amp; \\*b\\*");
  });

  test("fence: a fence longer than any backtick run inside", () => {
    expect(comment.fence("a ```` b\n")).toBe("`````text\na ```` b\n`````");
  });

  test("applyOrder: the deploy order's waves, then planned stacks it does not list, sorted", () => {
    const dir = mkdtempSync(join(tmpdir(), "pullguard-plans-"));
    try {
      mkdirSync(join(dir, "plans"));
      for (const s of ["staging", "registry-1", "zeta", "alpha"]) spawnSync("touch", [join(dir, "plans", `${s}.status`)]);
      expect(comment.applyOrder(JSON.stringify({ deployOrder: [["registry-1"], ["staging", "prod"]] }), join(dir, "plans"))).toEqual(["registry-1", "staging", "alpha", "zeta"]);
      expect(comment.applyOrder("not json", join(dir, "plans"))).toEqual(["alpha", "registry-1", "staging", "zeta"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("buildComment: the matrix jobs' results in deploy order, their text inert, the report and the diff", () => {
    const dir = mkdtempSync(join(tmpdir(), "pullguard-comment-"));
    try {
      const write = (file: string, text: string) => {
        mkdirSync(join(dir, file, ".."), { recursive: true });
        writeFileSync(join(dir, file), text);
      };
      write("cdktf.out/pull-budget.json", JSON.stringify({ deployOrder: [["registry-1"], ["prod"]] }));
      write("cdktf.out/pull-budget.md", "| a | b |\n|---|---|\n| <script> | x |\n");
      write("out/plans/prod.status", "changes\n");
      write("out/plans/prod.summary", "Plan: 1 to add | <b>x</b>\n");
      write("out/plans/prod.txt", "+ resource ```\n");
      write("out/plans/registry-1.status", "skipped\n");
      write("out/plans/registry-1.summary", "skipped: no role\n");
      write("out/diff.txt", "~ stack prod\n");
      const context = { serverUrl: "https://github.com", repo: { owner: "o", repo: "r" }, runId: 9, payload: { pull_request: { head: { sha: "abcdef1234" }, base: { ref: "main" } } } };
      const text = comment.buildComment(context, { SYNTH_OUTCOME: "success", DIFF_OUTCOME: "success" }, join(dir, "out"), join(dir, "cdktf.out"));
      expect(text).toContain("| <code>registry-1</code> | :heavy_minus_sign: skipped: no role |\n| <code>prod</code> | :large_orange_diamond: Plan: 1 to add \\| &lt;b&gt;x&lt;/b&gt; |\n");
      expect(text).toContain("````text\n+ resource ```\n````");
      expect(text).toContain("| &lt;script> | x |");
      expect(text).toContain("### Diff against <code>main</code>");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
