import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundles, cacheFiles, copyProject, injectFailure, ROOT, runNode } from "../helpers/project-copy";

/**
 * The app bundle cache (scripts/lib/app-bundle.js), on a copy of the project: whatever esbuild
 * read, and whatever is installed, is part of the key; a damaged cache is rebuilt, never a crash.
 * Each test builds the bundle a few times (about a second each).
 */
jest.setTimeout(120_000);

let dir: string;
let project: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-bundle-"));
  project = copyProject(join(dir, "project"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const buildOnly = () => runNode(project, ["scripts/app.js", "--build-only"]);
const synth = (env: Record<string, string> = {}) => runNode(project, ["scripts/app.js"], { CDKTF_OUTDIR: join(dir, "out"), ...env });

function expectRebuiltAfter(change: () => void): void {
  expect(buildOnly().status).toBe(0);
  const before = bundles(project);
  expect(before).toHaveLength(1);
  change();
  expect(buildOnly().status).toBe(0);
  const after = bundles(project);
  expect(after).toHaveLength(1);
  expect(after[0]).not.toBe(before[0]);
}

describe("bundle cache key", () => {
  it("changes with tsconfig.json, and with an installed package's version even when the lock file does not", () => {
    rmSync(join(project, "node_modules", "yaml"));
    cpSync(join(ROOT, "node_modules", "yaml"), join(project, "node_modules", "yaml"), { recursive: true, dereference: true });
    expectRebuiltAfter(() => {
      const tsconfig = JSON.parse(readFileSync(join(project, "tsconfig.json"), "utf8"));
      tsconfig.compilerOptions.useDefineForClassFields = false;
      writeFileSync(join(project, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    });
    expectRebuiltAfter(() => {
      const manifest = join(project, "node_modules", "yaml", "package.json");
      const pkg = JSON.parse(readFileSync(manifest, "utf8"));
      pkg.version = "2.9.2";
      writeFileSync(manifest, JSON.stringify(pkg, null, 2));
    });
  });

  it("follows a module in a new directory and the JSON it imports; PULLGUARD_DEBUG maps its stack to the source", () => {
    injectFailure(project, "first message");
    const first = synth();
    expect(first.status).toBe(2);
    expect(first.stderr).toBe("pullguard: internal error: first message\n");

    writeFileSync(join(project, "extra", "message.json"), JSON.stringify({ text: "second message" }));
    const second = synth();
    expect(second.stderr).toBe("pullguard: internal error: second message\n");

    // PULLGUARD_DEBUG loads the bundle with its source map: the stack names the TypeScript source.
    const debug = synth({ PULLGUARD_DEBUG: "1" });
    expect(debug.status).toBe(2);
    expect(debug.stderr.split("\n")[0]).toBe("pullguard: internal error: second message");
    expect(debug.stderr).toMatch(/extra\/boom\.ts:4:\d+/);
  });

  it("keeps one V8 code cache per set of V8 flags, so CLI and direct runs stop discarding each other's", () => {
    expect(synth().status).toBe(0);
    expect(synth({ NODE_OPTIONS: "--max-old-space-size=4096" }).status).toBe(0);
    const codeCaches = cacheFiles(project).filter((name) => name.endsWith(".v8"));
    expect(codeCaches).toHaveLength(2);
    const written = codeCaches.map((name) => statSync(join(project, "node_modules", ".cache", "pullguard", name)).mtimeMs);
    expect(synth().status).toBe(0);
    expect(synth({ NODE_OPTIONS: "--max-old-space-size=4096" }).status).toBe(0);
    expect(codeCaches.map((name) => statSync(join(project, "node_modules", ".cache", "pullguard", name)).mtimeMs)).toEqual(written);
  });
});

describe("a damaged cache", () => {
  function expectCleanSynth(): void {
    const result = synth();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readdirSync(join(dir, "out", "stacks")).length).toBe(6);
  }

  it("is rebuilt when the bundle was truncated or removed, or its index is unreadable", () => {
    expect(buildOnly().status).toBe(0);
    const cache = join(project, "node_modules", ".cache", "pullguard");
    const bundle = join(cache, bundles(project)[0]!);
    truncateSync(bundle, Math.floor(statSync(bundle).size / 2));
    expectCleanSynth();
    expect(statSync(join(cache, bundles(project)[0]!)).size).toBeGreaterThan(1_000_000);
    writeFileSync(join(cache, "app.json"), '{"format":');
    expectCleanSynth();
    unlinkSync(join(cache, bundles(project)[0]!));
    expectCleanSynth();
  });

  it("is rebuilt when node_modules/.cache is not a directory, and synth still succeeds", () => {
    mkdirSync(join(project, "node_modules", ".cache"));
    writeFileSync(join(project, "node_modules", ".cache", "pullguard"), "not a directory");
    expectCleanSynth();
    expect(existsSync(join(dir, "out", "manifest.json"))).toBe(true);
  });
});

describe("esbuild", () => {
  // A development dependency: the repository's fast path bundles with it; the published package
  // runs tsc's output and never loads esbuild (docs/package.md).
  it("is a development dependency pinned to the installed version, not one the package installs", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const installed = JSON.parse(readFileSync(join(ROOT, "node_modules", "esbuild", "package.json"), "utf8"));
    expect(pkg.devDependencies.esbuild).toBe(installed.version);
    expect(pkg.dependencies.esbuild).toBeUndefined();
  });
});
