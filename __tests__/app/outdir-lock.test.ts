import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";
import { lockFileOf, lockOutdir, parseLock } from "../../app/outdir-lock";

/** The output directory's lock (app/outdir-lock.ts): taken once, stale locks taken over by exactly one. */
jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-lock-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
}

describe("lockOutdir", () => {
  it("writes the lock beside the directory, naming this process, and removes it on release", () => {
    const outdir = join(dir, "cdktf.out");
    const lock = lockOutdir(outdir);
    expect(lock.held).toBe(true);
    expect(lock.file).toBe(join(dir, ".cdktf.out.lock"));
    const owner = parseLock(readFileSync(lock.file, "utf8"));
    expect(owner.pid).toBe(process.pid);
    expect(owner.host).toBe(hostname());
    if (lock.held) lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses while a live process holds it, and leaves the lock as it was", () => {
    const outdir = join(dir, "out");
    writeFileSync(lockFileOf(outdir), `${process.ppid}\n`);
    const lock = lockOutdir(outdir);
    expect(lock.held).toBe(false);
    if (!lock.held) expect(lock.owner.pid).toBe(process.ppid);
    expect(readFileSync(lockFileOf(outdir), "utf8")).toBe(`${process.ppid}\n`);
    expect(readdirSync(dir)).toEqual([".out.lock"]);
  });

  it("counts a lock from another host as held: its pid means nothing here", () => {
    const outdir = join(dir, "out");
    writeFileSync(lockFileOf(outdir), `pid=${deadPid()} host=${hostname()}-elsewhere\n`);
    expect(lockOutdir(outdir).held).toBe(false);
  });

  it("takes over a lock whose process is gone", () => {
    const outdir = join(dir, "out");
    writeFileSync(lockFileOf(outdir), `${deadPid()}\n`);
    const lock = lockOutdir(outdir);
    expect(lock.held).toBe(true);
    expect(parseLock(readFileSync(lockFileOf(outdir), "utf8")).pid).toBe(process.pid);
    if (lock.held) lock.release();
  });

  const withProc = existsSync("/proc/self/stat") ? it : it.skip;
  withProc("takes over a lock whose pid now belongs to a process started later (a reused pid)", () => {
    const outdir = join(dir, "out");
    writeFileSync(lockFileOf(outdir), `pid=${process.ppid} host=${hostname()} started=1\n`);
    const lock = lockOutdir(outdir);
    expect(lock.held).toBe(true);
    if (lock.held) lock.release();
  });

  it("takes over a stale lock whose takeover claim a killed synth left behind", () => {
    const outdir = join(dir, "out");
    const stale = `pid=${deadPid()}\n`;
    writeFileSync(lockFileOf(outdir), stale);
    const claim = `${lockFileOf(outdir)}.takeover-${createHash("sha256").update(stale).digest("hex").slice(0, 16)}`;
    writeFileSync(claim, stale);
    const lock = lockOutdir(outdir);
    expect(lock.held).toBe(true);
    if (lock.held) lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("racing processes", () => {
  /** The lock module bundled to plain JavaScript, so that each contender starts in a fraction of a second. */
  function contenderScript(): string {
    const bundle = join(dir, "lock.js");
    buildSync({ entryPoints: [resolve(__dirname, "..", "..", "app", "outdir-lock.ts")], bundle: true, platform: "node", format: "cjs", outfile: bundle, logLevel: "error" });
    const script = join(dir, "contender.js");
    writeFileSync(
      script,
      `const fs = require("node:fs");
const { lockOutdir } = require(${JSON.stringify(bundle)});
const [outdir, go] = process.argv.slice(2);
const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
process.stdout.write("ready\\n");
while (!fs.existsSync(go)) pause();
const lock = lockOutdir(outdir);
process.stdout.write(lock.held ? "held\\n" : "refused\\n");
// The winner holds on until every contender has tried (the test then writes <go>.done).
if (lock.held) {
  while (!fs.existsSync(go + ".done")) pause();
  lock.release();
}
`,
    );
    return script;
  }

  it("lets exactly one of four synths take one stale lock, three rounds over", async () => {
    const script = contenderScript();
    const rounds: string[][] = [];
    for (let round = 0; round < 3; round++) {
      const outdir = join(dir, `out-${round}`);
      const go = join(dir, `go-${round}`);
      writeFileSync(lockFileOf(outdir), `${deadPid()}\n`);
      const results = Array.from({ length: 4 }, () => {
        const child = spawn(process.execPath, [script, outdir, go], { stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (data) => (out += String(data)));
        const ready = new Promise<void>((done) => child.stdout.on("data", () => out.includes("ready") && done()));
        const answer = () => out.replace("ready\n", "").trim();
        const answered = new Promise<void>((done) => child.stdout.on("data", () => answer() !== "" && done()));
        const closed = new Promise<void>((done) => child.once("close", () => done()));
        return { ready, answered, closed, answer };
      });
      await Promise.all(results.map((r) => r.ready));
      writeFileSync(go, "");
      await Promise.all(results.map((r) => r.answered));
      writeFileSync(`${go}.done`, "");
      await Promise.all(results.map((r) => r.closed));
      rounds.push(results.map((r) => r.answer()).sort());
      expect(existsSync(lockFileOf(outdir))).toBe(false);
    }
    expect(rounds).toEqual([
      ["held", "refused", "refused", "refused"],
      ["held", "refused", "refused", "refused"],
      ["held", "refused", "refused", "refused"],
    ]);
    expect(readdirSync(dir).filter((name) => name.includes(".takeover-"))).toEqual([]);
  });
});
