/**
 * `npm run bench`: synth wall time and peak memory for the embedded example and generated
 * platforms of 10, 100 and 1,000 services across 3, 10 and 30 environments (median of several
 * runs), plus the pull-budget model on 10,000 services. `--write` rewrites the results table in
 * docs/benchmarks.md; `--runs N` changes the repetitions; `--no-cli` skips the cdktf CLI runs.
 *
 * Timed through the cdktf CLI (what `npm run synth` does) and through the app command alone, whose
 * peak RSS a small wrapper reports, so the CLI's fixed cost and the app's own cost show apart.
 */
import { spawnSync } from "node:child_process";
import { cpus, totalmem, tmpdir, type as osType, release } from "node:os";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { PlatformConfigInput } from "../config/schema";
import { assessGroup, assessService, maxStartsWithinShare, type ServicePullProfile } from "../core/pull-budget";
import { fastestRolloutWithin } from "../core/rollout";

const root = resolve(__dirname, "..");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 5;
const write = args.includes("--write");
const withCli = !args.includes("--no-cli");

const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"] as const;
const IMAGES = [
  "nginx:1.27.3",
  "bitnami/redis:7.2",
  "public.ecr.aws/docker/library/redis:7.2",
  "quay.io/prometheus/node-exporter:v1.8.2",
  "ghcr.io/example-org/worker:v2.4.1",
  "111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:3f9c2d1",
];

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** A valid platform of `services` services spread over `environments` environments and three Regions. */
export function generatePlatform(services: number, environments: number): PlatformConfigInput {
  const config: PlatformConfigInput = {
    accounts: {
      main: {
        id: "111111111111",
        registry: {
          pullThroughCache: { dockerHub: { credential: { source: "create" } }, ecrPublic: true, quay: true, ghcr: { credential: { source: "create" } } },
        },
      },
    },
    environments: {},
  };
  for (let e = 0; e < environments; e++) {
    const region = REGIONS[e % REGIONS.length]!;
    const envServices: NonNullable<PlatformConfigInput["environments"][string]["services"]> = {};
    const count = Math.floor(services / environments) + (e < services % environments ? 1 : 0);
    for (let s = 0; s < count; s++) {
      const index = e * 1000 + s;
      envServices[`svc-${s}`] = {
        image: IMAGES[index % IMAGES.length]!,
        desiredCount: [1, 2, 3, 10, 50, 100][index % 6]!,
        launchType: index % 7 === 0 ? "EC2" : "FARGATE",
        port: 8080,
      };
    }
    config.environments[`env-${e}`] = {
      account: "main",
      regions: {
        [region]: {
          vpc: {
            id: `vpc-${hex(e, 17)}`,
            cidr: `10.${e % 256}.0.0/16`,
            privateSubnetIds: [`subnet-${hex(e * 2, 17)}`, `subnet-${hex(e * 2 + 1, 17)}`],
            privateRouteTableIds: [`rtb-${hex(e, 17)}`],
          },
        },
      },
      services: envServices,
    };
  }
  return config;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Measurement {
  readonly label: string;
  readonly services: number;
  readonly environments: number;
  readonly cliSeconds?: number;
  readonly appSeconds: number;
  readonly appPeakMb: number;
  readonly stacks: number;
}

function runApp(configFile: string | undefined, outdir: string): { seconds: number; peakMb: number } {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" };
  if (configFile) env.PULLGUARD_CONFIG = configFile;
  else delete env.PULLGUARD_CONFIG;
  const rssFile = join(outdir, "..", `rss-${process.pid}.txt`);
  const wrapper = `process.on("exit",()=>require("fs").writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS)));require(${JSON.stringify(join(root, "scripts", "app.js"))});`;
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ["-e", wrapper], { cwd: root, env, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`app failed: ${run.stderr}`);
  return { seconds, peakMb: Number(readFileSync(rssFile, "utf8")) / 1024 };
}

function runCli(configFile: string | undefined, outdir: string): number {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
  if (configFile) env.PULLGUARD_CONFIG = configFile;
  else delete env.PULLGUARD_CONFIG;
  const start = process.hrtime.bigint();
  const run = spawnSync(join(root, "node_modules", ".bin", "cdktf"), ["synth", "--output", outdir], { cwd: root, env, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`cdktf synth failed: ${run.stderr}${run.stdout}`);
  return seconds;
}

function measure(label: string, config: PlatformConfigInput | undefined, services: number, environments: number, work: string): Measurement {
  let configFile: string | undefined;
  if (config) {
    configFile = join(work, `${label.replace(/\W+/g, "-")}.json`);
    writeFileSync(configFile, JSON.stringify(config));
  }
  const outdir = join(work, "out");
  runApp(configFile, outdir); // warm the bundle cache and the file system
  const app = Array.from({ length: runs }, () => runApp(configFile, outdir));
  const cli = withCli ? Array.from({ length: runs }, () => runCli(configFile, join(work, "cli-out"))) : [];
  const stacks = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: object };
  return {
    label,
    services,
    environments,
    ...(cli.length ? { cliSeconds: median(cli) } : {}),
    appSeconds: median(app.map((a) => a.seconds)),
    appPeakMb: median(app.map((a) => a.peakMb)),
    stacks: Object.keys(stacks.stacks).length,
  };
}

/** The pull-budget model alone: plan and assess 10,000 services, as the guard does per synth. */
function benchModel(services: number): { milliseconds: number } {
  const profiles: ServicePullProfile[] = [];
  const once = () => {
    profiles.length = 0;
    for (let i = 0; i < services; i++) {
      const base = {
        stack: `env-${i % 30}`,
        service: `svc-${i}`,
        desiredCount: [1, 2, 3, 10, 50, 100, 1000][i % 7]!,
        launchType: i % 5 === 0 ? ("EC2" as const) : ("FARGATE" as const),
        pullBehavior: "once" as const,
        instanceCount: 6,
        natPublicIps: 1,
        images: [{ source: "ecr" as const, layers: 10, registryPath: "x" }, ...(i % 3 === 0 ? [{ source: "ecr" as const, layers: 6, registryPath: "y" }] : [])],
      };
      const budget = Math.min(25, maxStartsWithinShare(base, 0.5));
      const rollout = fastestRolloutWithin({ desiredCount: base.desiredCount, maxConcurrentStarts: Math.max(1, budget), minimumHealthyPercentFloor: 100 });
      const profile = { ...base, minimumHealthyPercent: rollout.minimumHealthyPercent, maximumPercent: rollout.maximumPercent };
      assessService(profile);
      profiles.push(profile);
    }
    assessGroup("all", profiles);
  };
  once();
  const times = Array.from({ length: Math.max(5, runs) }, () => {
    const start = process.hrtime.bigint();
    once();
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  return { milliseconds: median(times) };
}

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} x ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${osType()} ${release()}, Node.js ${process.version}`;
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), "pullguard-bench-"));
  try {
    const results: Measurement[] = [];
    results.push(measure("embedded example", undefined, 12, 3, work));
    for (const [services, environments] of [
      [10, 3],
      [100, 10],
      [1000, 30],
    ] as const) {
      results.push(measure(`generated ${services} services`, generatePlatform(services, environments), services, environments, work));
      console.error(`measured ${services} services`);
    }
    const model = benchModel(10_000);
    const lines = [
      `Machine: ${machine()}. Median of ${runs} runs after one warm-up run.`,
      "",
      "| platform | services | environments | stacks | `cdktf synth` wall (s) | app wall (s) | app peak RSS (MB) | app ms per service |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
      ...results.map(
        (r) =>
          `| ${r.label} | ${r.services} | ${r.environments} | ${r.stacks} | ${r.cliSeconds !== undefined ? r.cliSeconds.toFixed(2) : "-"} | ${r.appSeconds.toFixed(2)} | ${r.appPeakMb.toFixed(0)} | ${((r.appSeconds * 1000) / r.services).toFixed(1)} |`,
      ),
      "",
      `Pull-budget model (rollout planning + per-service and group assessment) on 10,000 services: ${model.milliseconds.toFixed(1)} ms.`,
    ];
    const table = lines.join("\n");
    console.log(table);
    if (write) {
      const doc = join(root, "docs", "benchmarks.md");
      const text = readFileSync(doc, "utf8");
      const start = text.indexOf("<!-- bench:start -->");
      const end = text.indexOf("<!-- bench:end -->");
      if (start < 0 || end < 0) throw new Error("docs/benchmarks.md lacks the <!-- bench:start --> / <!-- bench:end --> markers");
      writeFileSync(doc, `${text.slice(0, start)}<!-- bench:start -->\n${table}\n${text.slice(end)}`);
      console.error("updated docs/benchmarks.md");
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) main();
