import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { checkModuleRoot, DECLARED_AWS_CONSTRAINT, offlineJsonModule, prepareModuleRoot, setUpTerraform, terraformMissing, type RootCheck, type StackModule } from "../helpers/terraform";

/**
 * The package as a platform team gets it: `npm pack` (its prepack compiles dist/), the tarball's
 * own `pullguard init` run with plain node in an empty directory, the tarball installed into that
 * repository, then the repository's README commands (`npm run synth`, `npm test`), the construct
 * path (main.ts through tsx, as `cdktf deploy` runs it) and an offline plan of every stack with
 * the real provider. No network: the scratch repository's node_modules is a hard-linked copy of
 * this one, and `npm install --offline --legacy-peer-deps` adds the tarball (offline, npm cannot
 * fetch the packuments it would read to check peer ranges; the test checks the property that
 * matters instead: one cdktf and one constructs for the app and pullguard). About a minute:
 * docs/benchmarks.md has the figures.
 */
jest.setTimeout(600_000);

const root = resolve(__dirname, "..", "..");
const own = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string };
/** The CDK Terrain build (compat/cdktn) copies these sources under its own package.json: not the package. */
const isPackage = own.name === "pullguard";
const work = isPackage ? mkdtempSync(join(tmpdir(), "pullguard-packed-")) : "";
const platform = join(work, "platform");
const unpacked = join(work, "unpacked");
const timings: string[] = [];

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: "1", NO_COLOR: "1", ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  timings.push(`${[command, ...args].join(" ").slice(0, 90)}: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
  return result;
}

const outcome = (r: SpawnSyncReturns<string>) => ({ status: r.status, stderr: r.status === 0 ? "" : r.stderr });
let tarball = "";
let tarballFiles: string[] = [];
let init: SpawnSyncReturns<string>;
let install: SpawnSyncReturns<string>;

(isPackage ? describe : describe.skip)(`${own.name} as a package`, () => {
  beforeAll(() => {
    const pack = run("npm", ["pack", "--silent", "--pack-destination", work], root);
    expect(outcome(pack)).toEqual({ status: 0, stderr: "" });
    tarball = join(work, `pullguard-${own.version}.tgz`);
    tarballFiles = run("tar", ["-tzf", tarball], work).stdout.split("\n").filter(Boolean).map((f) => f.replace(/^package\//, ""));
    mkdirSync(unpacked);
    run("tar", ["-xzf", tarball, "-C", unpacked], work);
    // The tarball's compiled CLI, before any install: its two runtime dependencies come from NODE_PATH.
    mkdirSync(platform);
    init = run(process.execPath, [join(unpacked, "package", "dist", "cli", "bin.js"), "init", "--project", "acme", "--account", "shared=111111111111", "--region", "eu-west-1"], platform, { NODE_PATH: join(root, "node_modules") });
    // The repository as init wrote it, with the tarball standing in for the registry's release.
    const pkgFile = join(platform, "package.json");
    const written = readFileSync(pkgFile, "utf8");
    writeFileSync(join(work, "init-package.json"), written);
    const pkg = JSON.parse(written) as { dependencies: Record<string, string> };
    pkg.dependencies.pullguard = `file:${tarball}`;
    writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
    run("cp", ["-al", join(root, "node_modules"), join(platform, "node_modules")], work);
    rmSync(join(platform, "node_modules", ".cache"), { recursive: true, force: true });
    install = run("npm", ["install", "--offline", "--legacy-peer-deps", "--no-audit", "--no-fund"], platform);
  });

  afterAll(() => {
    console.log(`packed install (${existsSync(tarball) ? (statSync(tarball).size / 1024).toFixed(0) : "no"} KiB tarball):\n${timings.join("\n")}`);
    rmSync(work, { recursive: true, force: true });
  });

  describe("npm pack", () => {
    test("ships compiled JavaScript with declarations, the schema and the workflow template; no TypeScript source, tests or dev tools", () => {
      for (const file of ["package.json", "dist/index.js", "dist/index.d.ts", "dist/cli/bin.js", "dist/main.js", "config/pullguard.schema.json", ".github/workflows/plan.yml"]) expect(tarballFiles).toContain(file);
      expect(tarballFiles.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
      expect(tarballFiles.filter((f) => /(^|\/)__tests__\//.test(f) || /^scripts\//.test(f) || /^dist\/scripts\/(bench|golden|schema|findings)/.test(f))).toEqual([]);
    });

    test("the package runs on plain node: no tsx, ts-node or esbuild among its dependencies; cdktf, constructs and the provider are peers", () => {
      const pkg = JSON.parse(readFileSync(join(unpacked, "package", "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
      expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual(["yaml", "zod"]);
      expect(Object.keys(pkg.peerDependencies ?? {}).sort()).toEqual(["@aws-sdk/client-cloudtrail", "@aws-sdk/client-cloudwatch", "@aws-sdk/client-ecs", "@cdktf/provider-aws", "cdktf", "constructs"]);
      expect(pkg.private).toBeUndefined();
      expect(readFileSync(join(unpacked, "package", "dist", "cli", "bin.js"), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    });
  });

  describe("pullguard init in an empty directory", () => {
    test("writes the platform repository", () => {
      expect(outcome(init)).toEqual({ status: 0, stderr: "" });
      expect(init.stdout.split("\n").filter((l) => l.startsWith("wrote ")).sort()).toEqual(
        ["wrote .github/workflows/plan.yml", "wrote .gitignore", "wrote README.md", "wrote cdktf.json", "wrote main.ts", "wrote package.json", "wrote pullguard.config.yaml", "wrote tsconfig.json"].sort(),
      );
    });

    test("pins pullguard to the running version and its peers to the versions pullguard is tested with", () => {
      const pkg = JSON.parse(readFileSync(join(work, "init-package.json"), "utf8")) as { dependencies: Record<string, string>; scripts: Record<string, string> };
      expect(pkg.dependencies).toEqual({ pullguard: own.version, "@cdktf/provider-aws": "21.22.1", cdktf: "0.21.0", constructs: "10.8.1" });
      expect(pkg.scripts.synth).toBe("pullguard synth");
    });

    test("the workflow is this repository's, byte for byte; the config names the installed schema", () => {
      expect(readFileSync(join(platform, ".github", "workflows", "plan.yml"), "utf8")).toBe(readFileSync(join(root, ".github", "workflows", "plan.yml"), "utf8"));
      expect(readFileSync(join(platform, "pullguard.config.yaml"), "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=./node_modules/pullguard/config/pullguard.schema.json");
      expect(existsSync(join(platform, "node_modules", "pullguard", "config", "pullguard.schema.json"))).toBe(true);
    });
  });

  describe("the installed repository", () => {
    test("installs the tarball, with one cdktf and one constructs shared by the app and pullguard", () => {
      expect(outcome(install)).toEqual({ status: 0, stderr: "" });
      const fromApp = (name: string) => require.resolve(name, { paths: [platform] });
      const fromPullguard = (name: string) => require.resolve(name, { paths: [join(platform, "node_modules", "pullguard")] });
      for (const name of ["cdktf", "constructs", "@cdktf/provider-aws"]) expect(fromPullguard(name)).toBe(fromApp(name));
      expect(fromApp("cdktf")).toBe(join(platform, "node_modules", "cdktf", "lib", "index.js"));
    });

    test("pullguard --version is the package's", () => {
      expect(run(join(platform, "node_modules", ".bin", "pullguard"), ["--version"], platform).stdout).toBe(`${own.version}\n`);
    });

    test("npm run synth writes both stacks and the report, stamped with the version and the config as named", () => {
      const synth = run("npm", ["run", "synth"], platform);
      expect(outcome(synth)).toEqual({ status: 0, stderr: "" });
      expect(synth.stdout).toContain("Generated Terraform code for the stacks: dev, registry-111111111111-eu-west-1\n");
      expect(synth.stdout).toContain(`pullguard: config pullguard.config.yaml (${join(platform, "pullguard.config.yaml")})\n`);
      expect(readdirSync(join(platform, "cdktf.out", "stacks")).sort()).toEqual(["dev", "registry-111111111111-eu-west-1"]);
      const report = JSON.parse(readFileSync(join(platform, "cdktf.out", "pull-budget.json"), "utf8")) as { pullguard: unknown };
      expect(report.pullguard).toEqual({ version: own.version, config: "pullguard.config.yaml" });
      const stack = JSON.parse(readFileSync(join(platform, "cdktf.out", "stacks", "dev", "cdk.tf.json"), "utf8")) as Record<string, Record<string, unknown>>;
      expect(stack["//"]!.pullguard).toEqual({ version: own.version, config: "pullguard.config.yaml" });
    });

    test("npm test (synth --check and tsc over main.ts against the package's declarations) passes and writes nothing", () => {
      const before = readFileSync(join(platform, "cdktf.out", "manifest.json"), "utf8");
      const test = run("npm", ["test"], platform);
      expect(outcome(test)).toEqual({ status: 0, stderr: "" });
      expect(test.stdout).toContain("pullguard synth --check: the config synthesizes 2 stacks (dev, registry-111111111111-eu-west-1); nothing written\n");
      expect(readFileSync(join(platform, "cdktf.out", "manifest.json"), "utf8")).toBe(before);
    });

    test("main.ts (the construct, as cdktf deploy runs it) writes the same stacks byte for byte", () => {
      const out = join(work, "construct-out");
      const app = run(process.execPath, [join(platform, "node_modules", "tsx", "dist", "cli.mjs"), "main.ts"], platform, { CDKTF_OUTDIR: out });
      expect(outcome(app)).toEqual({ status: 0, stderr: "" });
      for (const stack of ["dev", "registry-111111111111-eu-west-1"]) {
        const file = (dir: string) => readFileSync(join(dir, "stacks", stack, "cdk.tf.json"), "utf8");
        expect({ stack, same: file(out) === file(join(platform, "cdktf.out")) }).toEqual({ stack, same: true });
      }
    });
  });

  describe("pullguard diff in the installed repository", () => {
    test("compares the working tree with a commit, synthesizing both with the installed pullguard", () => {
      const git = (...args: string[]) => run("git", ["-c", "user.email=ci@example.com", "-c", "user.name=ci", ...args], platform);
      expect([git("init", "-q").status, git("add", "-A").status, git("commit", "-qm", "platform").status]).toEqual([0, 0, 0]);
      const config = join(platform, "pullguard.config.yaml");
      const good = readFileSync(config, "utf8");
      writeFileSync(config, good.replace("desiredCount: 2", "desiredCount: 3"));
      try {
        const diff = run("npm", ["run", "--silent", "diff", "--", "HEAD"], platform);
        expect(outcome(diff)).toEqual({ status: 0, stderr: "" });
        expect(diff.stdout).toContain("\n~ stack dev (+0 ~1 -0 resources)\n");
        expect(diff.stdout).toContain("\n      desired_count: 2 → 3\n");
      } finally {
        writeFileSync(config, good);
      }
    });
  });

  describe("the real provider", () => {
    if (!isPackage) return;
    const available = setUpTerraform(DECLARED_AWS_CONSTRAINT);
    if (!available.ok) {
      terraformMissing(`packaged stacks NOT planned: ${available.reason}`, "CI plans the packaged stacks with the real provider");
      return;
    }
    test("plans every stack pullguard synth wrote in the installed repository", async () => {
      const stacksDir = join(platform, "cdktf.out", "stacks");
      const modules: StackModule[] = [];
      const providers: Record<string, Record<string, unknown>> = {};
      for (const stack of readdirSync(stacksDir).sort()) {
        const offline = offlineJsonModule(`packed_${stack}`, stack, readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8"), available.setup.providerVersion);
        modules.push(offline.stack);
        providers[offline.stack.provider] = offline.provider;
      }
      const dir = join(work, "plan-root");
      const checked: RootCheck = await checkModuleRoot(dir, prepareModuleRoot(dir, modules, providers, available.setup));
      expect(checked.errors).toEqual([]);
      expect([...checked.planned.keys()].sort()).toEqual(["packed_dev", "packed_registry-111111111111-eu-west-1"]);
      for (const [module, planned] of checked.planned) expect({ module, actions: [...new Set(Object.values(planned))] }).toEqual({ module, actions: ["create"] });
    });
  });

  describe("a broken config", () => {
    // Last: a refused synth removes the stacks the plan above reads.
    test("a config problem stops synth: one line naming the path, line and column, no stack trace, and no stale stack left to apply", () => {
      const config = join(platform, "pullguard.config.yaml");
      const good = readFileSync(config, "utf8");
      writeFileSync(config, good.replace('id: "111111111111"', 'id: "1111"'));
      try {
        const synth = run(join(platform, "node_modules", ".bin", "pullguard"), ["synth"], platform);
        expect(synth.status).toBe(1);
        expect(synth.stderr).toContain("accounts.shared.id: must be a 12-digit AWS account id (quote it in YAML so leading zeros survive) (line 7, column 9)\n");
        expect(synth.stderr).not.toContain("    at ");
        expect(existsSync(join(platform, "cdktf.out", "stacks"))).toBe(false);
        // The construct path throws PullguardConfigError: uncaught, node shows its lines, not a trace.
        const app = run(process.execPath, [join(platform, "node_modules", "tsx", "dist", "cli.mjs"), "main.ts"], platform, { CDKTF_OUTDIR: join(work, "broken-out") });
        expect(app.status).toBe(1);
        expect(app.stderr).toContain("PullguardConfigError: pullguard: 1 problem in pullguard.config.yaml:\n  accounts.shared.id: must be a 12-digit AWS account id (quote it in YAML so leading zeros survive) (line 7, column 9)");
        expect(app.stderr).not.toContain("    at ");
      } finally {
        writeFileSync(config, good);
      }
    });
  });
});
