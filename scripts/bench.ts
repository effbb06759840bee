/**
 * `npm run bench [-- --rounds N] [-- --write]`, in one run:
 * 1. the embedded example, in interleaved rounds: `npm run synth`'s command (scripts/synth.js, the
 *    app in-process), `cdktf synth` (the CLI spawning scripts/app.js), a naive cdktf app with the
 *    same resource count (TypeScript run by tsx, provider classes loaded as modules, as `cdktf init`
 *    sets up), and the floor (`node -e ""`): medians, and ratios paired within each round;
 * 2. 10,000 services across 100 environments through `npm run synth`: wall time, CPU time (a
 *    figure a busy machine inflates less than wall time) and the peak memory of its largest
 *    process, median of 3 runs;
 * 3. a CPU profile of that synth, summarized by where the time goes;
 * 4. the pull-budget model alone on 10,000 services.
 * `--write` puts the figures into docs/benchmarks.md and the README's Speed section.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, release, tmpdir, totalmem, type as osType } from "node:os";
import { join, resolve } from "node:path";
import { benchModel, generatePlatform } from "./lib/bench-platforms";
import { interleave, median, pairedRatio, time, type Command } from "./lib/bench-run";
import { readProfile, summarizeProfiles } from "./lib/profile-summary";
import { verdicts } from "./lib/bench-verdict";

const root = resolve(__dirname, "..");

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1]) || 9;
const write = args.includes("--write");
const work = mkdtempSync(join(tmpdir(), "pullguard-bench-"));
const node = process.execPath;

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} x ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${osType()} ${release()}, Node.js ${process.version}`;
}

/** Resources per stack in a synthesized output directory. */
function resourcesPerStack(outdir: string): number[] {
  return readdirSync(join(outdir, "stacks"))
    .sort()
    .map((stack) => {
      const tf = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as { resource?: Record<string, object> };
      return Object.values(tf.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
    });
}

/** A cdktf app as `cdktf init --template typescript` would have it, with the given resources per stack. */
function naiveApp(perStack: readonly number[]): string {
  const dir = join(root, "node_modules", ".cache", "pullguard-bench");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "naive-main.ts");
  writeFileSync(
    file,
    `import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";

const app = new App();
${JSON.stringify(perStack)}.forEach((count, s) => {
  const stack = new TerraformStack(app, \`stack-\${s}\`);
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  for (let r = 0; r < count; r++) new SsmParameter(stack, \`p\${r}\`, { name: \`/naive/\${s}/\${r}\`, type: "String", value: String(r), tags: { stack: String(s) } });
});
app.synth();
`,
  );
  return file;
}

function embeddedComparison() {
  const direct: Command = { label: "npm run synth (direct)", file: node, args: ["scripts/synth.js", "--output", join(work, "direct")], cwd: root };
  const cli: Command = { label: "cdktf synth (CLI)", file: join(root, "node_modules", ".bin", "cdktf"), args: ["synth", "--output", join(work, "cli")], cwd: root };
  time(direct);
  const perStack = resourcesPerStack(join(work, "direct"));
  const naive: Command = {
    label: "naive cdktf app (tsx)",
    file: join(root, "node_modules", ".bin", "tsx"),
    args: [naiveApp(perStack)],
    cwd: root,
    env: { CDKTF_OUTDIR: join(work, "naive") },
  };
  const floor: Command = { label: "floor (node -e \"\")", file: node, args: ["-e", ""], cwd: root };
  const measured = interleave([direct, cli, naive, floor], rounds);
  return {
    resources: perStack.reduce((a, b) => a + b, 0),
    stacks: perStack.length,
    medians: Object.fromEntries(Object.entries(measured.seconds).map(([label, values]) => [label, median(values)])),
    directOverCli: pairedRatio(measured, direct.label, cli.label),
    directOverNaive: pairedRatio(measured, direct.label, naive.label),
    naiveOverCli: pairedRatio(measured, naive.label, cli.label),
  };
}

function largePlatform() {
  const config = join(work, "platform-10000.json");
  writeFileSync(config, JSON.stringify(generatePlatform(10_000, 100)));
  const synth: Command = { label: "npm run synth, 10,000 services", file: "npm", args: ["run", "--silent", "synth", "--", "--output", join(work, "large")], cwd: root, env: { PULLGUARD_CONFIG: config } };
  time(synth, true); // warm-up: fills the code cache for this flag set
  const runs = [time(synth, true), time(synth, true), time(synth, true)];
  const stacks = readdirSync(join(work, "large", "stacks")).length;

  const profileDir = join(work, "profile");
  time({ ...synth, label: "profiled synth", file: node, args: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "scripts/synth.js", "--output", join(work, "large")] });
  // One profile per thread and process (the restart with tuned V8 flags, the worker thread): summed.
  const profiles = readdirSync(profileDir).map((name) => readProfile(join(profileDir, name)));
  const index = JSON.parse(readFileSync(join(root, "node_modules", ".cache", "pullguard", "app.json"), "utf8")) as { key: string };
  const bundle = readFileSync(join(root, "node_modules", ".cache", "pullguard", `app-${index.key}.js`), "utf8");
  const profile = summarizeProfiles(profiles, bundle, (url) => url.endsWith("main.ts") || url.includes("/.cache/pullguard/app-"));
  return { seconds: median(runs.map((r) => r.seconds)), cpuSeconds: median(runs.map((r) => r.cpuSeconds)), peakMb: median(runs.map((r) => r.peakMb)), stacks, profile };
}

function replaceBetween(file: string, startMarker: string, endMarker: string, content: string): void {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  if (start < 0 || end < 0) throw new Error(`${file} lacks the ${startMarker} / ${endMarker} markers`);
  writeFileSync(file, `${text.slice(0, start)}${startMarker}\n${content}\n${text.slice(end)}`);
}

function main(): void {
  try {
    const embedded = embeddedComparison();
    console.error("measured the embedded example");
    const large = largePlatform();
    console.error("measured 10,000 services");
    const model = benchModel(10_000);
    const s = (seconds: number) => `${seconds.toFixed(2)} s`;
    const lines = [
      `Machine: ${machine()}. ${rounds} interleaved rounds after one warm-up round; medians; ratios paired within each round.`,
      "",
      `Embedded example (${embedded.stacks} stacks, ${embedded.resources} resources):`,
      "",
      "| command | median wall |",
      "|---|---:|",
      ...Object.entries(embedded.medians).map(([label, seconds]) => `| ${label} | ${s(seconds)} |`),
      "",
      `Paired ratios: direct / CLI **${embedded.directOverCli.toFixed(3)}** (${(1 / embedded.directOverCli).toFixed(1)}x faster); direct / naive app ${embedded.directOverNaive.toFixed(3)}; naive app / CLI ${embedded.naiveOverCli.toFixed(3)}.`,
      "",
      `10,000 services across 100 environments (${large.stacks} stacks) through \`npm run synth\`: **${s(large.seconds)}** wall (${s(large.cpuSeconds)} CPU, all processes), **${large.peakMb.toFixed(0)} MB** peak resident memory of the largest process (medians of 3 runs after one warm-up).`,
      "",
      "Where that synth's CPU time goes (one profiled run, self time summed over its threads):",
      "",
      "| area | share |",
      "|---|---:|",
      ...large.profile.filter((p) => p.share >= 0.005).map((p) => `| ${p.area} | ${(p.share * 100).toFixed(1)}% |`),
      "",
      `Pull-budget model (rollout planning + per-service and group assessment) on 10,000 services: ${model.milliseconds.toFixed(1)} ms.`,
      "",
      ...verdicts(embedded.medians["npm run synth (direct)"]!, embedded.directOverCli, large.seconds, large.peakMb),
    ];
    const table = lines.join("\n");
    console.log(table);
    if (write) {
      replaceBetween(join(root, "docs", "benchmarks.md"), "<!-- bench:start -->", "<!-- bench:end -->", table);
      const readme = [
        "| run | wall (median) |",
        "|---|---:|",
        `| \`npm run synth\`, embedded example | ${s(embedded.medians["npm run synth (direct)"]!)} |`,
        `| \`cdktf synth\`, embedded example | ${s(embedded.medians["cdktf synth (CLI)"]!)} |`,
        `| \`npm run synth\`, 10,000 services in 100 environments | ${s(large.seconds)}, ${large.peakMb.toFixed(0)} MB peak |`,
        "",
        `\`npm run synth\` is ${(1 / embedded.directOverCli).toFixed(1)}x faster than \`cdktf synth\` on the embedded example (ratio paired within each of ${rounds} interleaved rounds).`,
      ].join("\n");
      replaceBetween(join(root, "README.md"), "<!-- readme-bench:start -->", "<!-- readme-bench:end -->", readme);
      console.error("updated docs/benchmarks.md and README.md");
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
