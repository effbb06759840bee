import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { defineConfig, PullguardConfigError, PullguardPlatform } from "../../index";
import { baseConfig } from "../helpers/config-cases";

/** The public construct on a cdktf App the test owns: what it adds, and how it refuses. */
const version = (JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;
const work = mkdtempSync(join(tmpdir(), "pullguard-construct-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const stacksOf = (app: App) => app.node.children.filter((c) => TerraformStack.isStack(c)).map((c) => c.node.id).sort();

test("adds one registry and one environment stack to the caller's App, stamped, beside its own marker construct", () => {
  const app = new App({ outdir: join(work, "out") });
  const platform = new PullguardPlatform(app, "pullguard", { config: defineConfig(baseConfig()) });
  expect(stacksOf(app)).toEqual(["prod", "registry-123456789012-us-east-1"]);
  expect(platform.node.id).toBe("pullguard");
  expect(platform.stamp).toEqual({ version, config: "PullguardPlatform config object" });
  app.synth();
  const stack = JSON.parse(readFileSync(join(work, "out", "stacks", "prod", "cdk.tf.json"), "utf8")) as Record<string, Record<string, unknown>>;
  expect(stack["//"]!.pullguard).toEqual({ version, config: "PullguardPlatform config object" });
  expect(JSON.parse(platform.pullBudgetJson()).pullguard).toEqual({ version, config: "PullguardPlatform config object" });
});

test("the user's own stacks sit beside pullguard's in the same App", () => {
  const app = new App({ outdir: join(work, "mixed") });
  new TerraformStack(app, "my-own");
  new PullguardPlatform(app, "pullguard", { config: baseConfig() });
  expect(stacksOf(app)).toEqual(["my-own", "prod", "registry-123456789012-us-east-1"]);
});

test("a config file relative to where the app runs; the stamp names it as given", () => {
  const dir = mkdtempSync(join(work, "app-"));
  writeFileSync(join(dir, "pullguard.config.json"), JSON.stringify(baseConfig()));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const platform = new PullguardPlatform(new App({ outdir: join(dir, "out") }), "pullguard", { configFile: "pullguard.config.json" });
    expect(platform.stamp.config).toBe("pullguard.config.json");
  } finally {
    process.chdir(cwd);
  }
});

test("a refused config throws one error listing every problem with its path; no stack is added", () => {
  const config = baseConfig();
  config.accounts.main.id = "1234";
  config.environments.prod.services.api.desiredCount = -1;
  const app = new App({ outdir: join(work, "refused") });
  let thrown: unknown;
  try {
    new PullguardPlatform(app, "pullguard", { config });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(PullguardConfigError);
  const error = thrown as PullguardConfigError;
  expect(error.problems.map((p) => p.split(":")[0])).toEqual(["accounts.main.id", "environments.prod.services.api.desiredCount"]);
  expect(error.message.split("\n")[0]).toBe("pullguard: 2 problems in config:");
  expect(error.stack).toBe(`PullguardConfigError: ${error.message}`);
  expect(stacksOf(app)).toEqual([]);
});

test("a missing config file is one problem naming it", () => {
  expect(() => new PullguardPlatform(new App({ outdir: join(work, "missing") }), "pullguard", { configFile: join(work, "nope.yaml") })).toThrow(
    `pullguard: 1 problem in ${join(work, "nope.yaml")}:\n  ${join(work, "nope.yaml")}: does not exist (named by PULLGUARD_CONFIG)`,
  );
});
