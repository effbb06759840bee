import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * .github/scripts/stack-terraform.sh, the per-stack job of plan.yml and apply.yml, run on golden
 * stacks with stand-ins for `aws` and `terraform` on PATH (no AWS, no provider): what it writes
 * for the comment, which account it plans in, what it refuses.
 */
const root = join(__dirname, "..", "..");
const script = join(root, ".github", "scripts", "stack-terraform.sh");
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-stack-job-"));
  mkdirSync(join(dir, "bin"));
  // The caller's account is 123456789012; assume-role prints three credential fields.
  writeFileSync(join(dir, "bin", "aws"), '#!/bin/sh\necho "aws $*" >> "$CALLS"\ncase "$2" in get-caller-identity) echo 123456789012 ;; assume-role) echo AKIAEXAMPLE secretvalue tokenvalue ;; esac\n');
  writeFileSync(join(dir, "bin", "terraform"), '#!/bin/sh\necho "terraform $* [$AWS_ACCESS_KEY_ID]" >> "$CALLS"\n[ "$1" = show ] && echo "Plan: 2 to add, 1 to change, 0 to destroy."\nexit 0\n');
  chmodSync(join(dir, "bin", "aws"), 0o755);
  chmodSync(join(dir, "bin", "terraform"), 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function job(mode: string, example: string, stack: string, roleMap = "") {
  const work = join(dir, "work");
  mkdirSync(join(work, "cdktf.out", "stacks"), { recursive: true });
  symlinkSync(join(root, "__tests__", "golden", example, "stacks", stack), join(work, "cdktf.out", "stacks", stack));
  const env = { PATH: `${join(dir, "bin")}:${process.env.PATH}`, PG_OUT: join(dir, "out"), CALLS: join(dir, "calls"), ROLE_MAP: roleMap, GITHUB_RUN_ID: "7" };
  const run = spawnSync("bash", [script, mode, stack], { cwd: work, env, encoding: "utf8" });
  const read = (f: string) => {
    try {
      return readFileSync(f, "utf8");
    } catch {
      return "";
    }
  };
  const plans = join(dir, "out", "plans");
  return { status: run.status, result: `${read(join(plans, `${stack}.status`)).trim()}: ${read(join(plans, `${stack}.summary`)).trim()}`, note: read(join(plans, `${stack}.note`)).trim(), calls: read(join(dir, "calls")).trim().split("\n") };
}

test("a stack in the caller's account is planned without locking, its summary line kept", () => {
  const r = job("plan", "minimal", "prod");
  expect(r).toEqual({ status: 0, result: "changes: Plan: 2 to add, 1 to change, 0 to destroy.", note: "", calls: ["aws sts get-caller-identity --query Account --output text", "terraform init -input=false -no-color []", "terraform plan -input=false -no-color -lock=false -out=tfplan []", "terraform show -no-color tfplan []"] });
});

test("a stack pinned to another account uses the role the map names for it, or is skipped with the reason", () => {
  const mapped = job("plan", "embedded", "dev", '{"111111111111": "arn:aws:iam::111111111111:role/plan"}');
  expect(mapped.result).toBe("changes: Plan: 2 to add, 1 to change, 0 to destroy.");
  expect(mapped.calls).toContain("terraform plan -input=false -no-color -lock=false -out=tfplan [AKIAEXAMPLE]");
  expect(mapped.note).toBe("local backend: CI has no state, so every resource shows as new");
  rmSync(join(dir, "work"), { recursive: true });
  rmSync(join(dir, "out"), { recursive: true });
  const unmapped = job("plan", "embedded", "dev");
  expect({ status: unmapped.status, result: unmapped.result }).toEqual({ status: 0, result: "skipped: skipped: pinned to account 111111111111, the role is in 123456789012; map it in the role map variable" });
});

test("apply refuses a local backend; plans and applies the saved plan otherwise", () => {
  expect(job("apply", "embedded", "dev").result).toBe("error: error: local backend; CI would apply into a state it then throws away (configure an S3 backend)");
  rmSync(join(dir, "work"), { recursive: true });
  const applied = job("apply", "minimal", "prod");
  expect({ status: applied.status, result: applied.result }).toEqual({ status: 0, result: "changes: applied: Plan: 2 to add, 1 to change, 0 to destroy." });
  expect(applied.calls.filter((c) => c.startsWith("terraform"))).toEqual(["terraform init -input=false -no-color []", "terraform plan -input=false -no-color -lock=true -out=tfplan []", "terraform show -no-color tfplan []", "terraform apply -input=false -no-color tfplan []"]);
});

test("a hostile stack name or mode is refused before anything runs", () => {
  for (const args of [["plan", "../etc"], ["plan", "a b"], ["destroy", "prod"], ["plan", ""]]) {
    const run = spawnSync("bash", [script, ...args], { cwd: dir, env: { PATH: process.env.PATH, PG_OUT: join(dir, "out") }, encoding: "utf8" });
    expect(run.status).toBe(2);
  }
});
