import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { movedBlocksFor, RESOURCE_MOVES, type ResourceMove } from "../../core/upgrade";
import { addMovedBlocks } from "../../stacks/moved-blocks";
import { stackHcl } from "../../stacks/hcl";
import { offlineHclModule } from "../helpers/hcl-plan";
import { DECLARED_AWS_CONSTRAINT, OFFLINE_PROVIDER, offlineJsonModule, setUpTerraform, terraformMissing } from "../helpers/terraform";

/**
 * The moved-block mechanism, proven with a synthetic rename (0.1.0 has no real one): core/upgrade
 * works out the chain, stacks/moved-blocks.ts renders it into the stack's JSON and HCL, and the
 * real terraform and hashicorp/aws provider plan a state holding the OLD address as a move, not a
 * destroy and create.
 */
const renames: ResourceMove[] = [
  { resourceType: "aws_cloudwatch_log_group", from: "service-{service}_logs", to: "service-{service}_log-group", since: "0.2.0" },
  { resourceType: "aws_cloudwatch_log_group", from: "service-{service}_log-group", to: "logs-{service}", since: "0.3.0" },
];

test("0.1.0 moves nothing", () => {
  expect(RESOURCE_MOVES).toEqual([]);
});

describe("movedBlocksFor", () => {
  test("a renamed id gets its chain back to the oldest id, newest step first in code-point order", () => {
    expect(movedBlocksFor(["aws_cloudwatch_log_group.logs-web", "aws_ecs_cluster.cluster"], renames)).toEqual([
      { from: "aws_cloudwatch_log_group.service-web_log-group", to: "aws_cloudwatch_log_group.logs-web" },
      { from: "aws_cloudwatch_log_group.service-web_logs", to: "aws_cloudwatch_log_group.service-web_log-group" },
    ]);
  });

  test("an id the table does not match, or of another type, moves nowhere", () => {
    expect(movedBlocksFor(["aws_cloudwatch_log_group.logs_web", "aws_iam_role.logs-web", "aws_ecs_cluster.cluster"], renames)).toEqual([]);
  });

  test("a placeholder binds letters, digits and '-' only, and the same text where it repeats", () => {
    const twice: ResourceMove[] = [{ resourceType: "aws_iam_role", from: "exec-{env}", to: "{env}-exec-{env}", since: "0.2.0" }];
    expect(movedBlocksFor(["aws_iam_role.prod-exec-prod", "aws_iam_role.prod-exec-dev", "aws_iam_role.a.b-exec-a.b"], twice)).toEqual([{ from: "aws_iam_role.exec-prod", to: "aws_iam_role.prod-exec-prod" }]);
  });

  test("a move onto an address the stack still holds is refused, and so is a cycle", () => {
    expect(() => movedBlocksFor(["aws_cloudwatch_log_group.logs-web", "aws_cloudwatch_log_group.service-web_log-group"], renames)).toThrow(
      "resource moves: aws_cloudwatch_log_group.service-web_log-group -> aws_cloudwatch_log_group.logs-web, but the stack still holds aws_cloudwatch_log_group.service-web_log-group",
    );
    const cycle: ResourceMove[] = [
      { resourceType: "aws_sns_topic", from: "a", to: "b", since: "0.2.0" },
      { resourceType: "aws_sns_topic", from: "b", to: "a", since: "0.3.0" },
    ];
    expect(() => movedBlocksFor(["aws_sns_topic.a"], cycle)).toThrow("moves in a cycle");
  });
});

/** A stack holding the log group at its newest id; the provider pinned to the one terraform has. */
function renamedStack(providerVersion = "~> 6.25"): TerraformStack {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), "pullguard-moved-app-")) });
  const stack = new TerraformStack(app, "prod");
  new AwsProvider(stack, "aws", { region: "eu-west-1", ...{ accessKey: OFFLINE_PROVIDER.access_key, secretKey: OFFLINE_PROVIDER.secret_key, skipCredentialsValidation: true, skipRequestingAccountId: true, skipMetadataApiCheck: "true" } });
  stack.addOverride("terraform.required_providers.aws", { source: "hashicorp/aws", version: providerVersion });
  new LocalBackend(stack, { path: "terraform.tfstate" });
  new CloudwatchLogGroup(stack, "logs", { name: "pullguard-web", retentionInDays: 30 }).overrideLogicalId("logs-web");
  addMovedBlocks(stack, renames);
  return stack;
}

test("a stack renders the chain as top-level moved blocks, in JSON and HCL", () => {
  const stack = renamedStack();
  const json = stack.toTerraform() as { moved?: unknown };
  expect(json.moved).toEqual([
    { from: "aws_cloudwatch_log_group.service-web_log-group", to: "aws_cloudwatch_log_group.logs-web" },
    { from: "aws_cloudwatch_log_group.service-web_logs", to: "aws_cloudwatch_log_group.service-web_log-group" },
  ]);
  expect(stackHcl(stack)).toContain(
    "moved {\n  from = aws_cloudwatch_log_group.service-web_log-group\n  to   = aws_cloudwatch_log_group.logs-web\n}\n\nmoved {\n  from = aws_cloudwatch_log_group.service-web_logs\n  to   = aws_cloudwatch_log_group.service-web_log-group\n}",
  );
});

test("a stack without a moved address gets no moved key at all (0.1.0 output unchanged)", () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), "pullguard-moved-app-")) });
  const stack = new TerraformStack(app, "prod");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new CloudwatchLogGroup(stack, "logs", { name: "x" }).overrideLogicalId("unrelated");
  addMovedBlocks(stack, renames);
  expect("moved" in (stack.toTerraform() as object)).toBe(false);
});

/**
 * A state that holds the log group at its 0.1.0 address in each given module (each rendering is a
 * child module of one plan root), as an apply of 0.1.0 would have left it.
 */
function oldState(modules: readonly string[]): string {
  const attributes = { id: "pullguard-web", name: "pullguard-web", name_prefix: "", arn: "arn:aws:logs:eu-west-1:123456789012:log-group:pullguard-web", retention_in_days: 30, kms_key_id: "", log_group_class: "STANDARD", skip_destroy: false, tags: null, tags_all: {} };
  const resources = modules.map((module) => ({ module: `module.${module}`, mode: "managed", type: "aws_cloudwatch_log_group", name: "service-web_logs", provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }] }));
  return JSON.stringify({ version: 4, terraform_version: "1.11.0", serial: 1, lineage: "00000000-0000-0000-0000-000000000001", outputs: {}, resources, check_results: null });
}

const terraform = setUpTerraform(DECLARED_AWS_CONSTRAINT);
if (!terraform.ok) {
  terraformMissing(`moved blocks NOT planned by the real terraform: ${terraform.reason}`);
}
(terraform.ok ? describe : describe.skip)("the real terraform and provider", () => {
  jest.setTimeout(300_000);
  const setup = terraform.ok ? terraform.setup : undefined;
  // The JSON and the HCL rendering are two child modules of one root, each with the 0.1.0 object
  // in the state: one init and one plan (terraform loads the provider's schema, about 2.5 CPU-s,
  // once per command) prove both. The plan's JSON stream says what it does to each address.
  const FORMATS = ["json", "hcl"] as const;
  let dir = "";
  let init: SpawnSyncReturns<string>;
  let plan: SpawnSyncReturns<string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "pullguard-moved-plan-"));
    const env = { ...setup!.env, TF_DATA_DIR: join(dir, ".terraform") };
    const run = (args: string[]) => spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8" });
    // Each rendering made a child module as the real-provider plan makes every stack one
    // (helpers/terraform.ts, helpers/hcl-plan.ts): its provider block moves to the root.
    const stack = renamedStack(setup!.providerVersion);
    const json = offlineJsonModule("json", "prod", JSON.stringify(stack.toTerraform()), setup!.providerVersion);
    const hcl = offlineHclModule("hcl", "json", stackHcl(stack), setup!.providerVersion);
    for (const module of [json.stack, hcl]) {
      mkdirSync(join(dir, module.module));
      for (const [file, text] of Object.entries(module.files)) writeFileSync(join(dir, module.module, file), text);
    }
    const modules = Object.fromEntries(FORMATS.map((format) => [format, { source: `./${format}` }]));
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: setup!.providerVersion } }, backend: { local: {} } }, provider: { aws: json.provider }, module: modules }));
    writeFileSync(join(dir, "terraform.tfstate"), oldState(FORMATS));
    copyFileSync(setup!.lockFile, join(dir, ".terraform.lock.hcl"));
    init = run(["init", "-input=false", "-no-color"]);
    plan = run(["plan", "-refresh=false", "-input=false", "-no-color", "-lock=false", "-json"]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the HCL module keeps both moved blocks and no provider block", () => {
    const module = readFileSync(join(dir, "hcl", "cdk.tf"), "utf8");
    expect(module.match(/^moved \{$/gm)).toEqual(["moved {", "moved {"]);
    expect(module).not.toMatch(/provider "aws"/);
  });

  test.each(FORMATS)("plan (%s) moves the 0.1.0 object to the new address: no create, no destroy", (format) => {
    expect({ init: init.status, stderr: init.stderr }).toEqual({ init: 0, stderr: "" });
    expect({ plan: plan.status, stderr: plan.stderr }).toEqual({ plan: 0, stderr: "" });
    const changes = plan.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { type: string; change?: { action: string; resource: { addr: string }; previous_resource?: { addr: string } } })
      .filter((message) => message.type === "planned_change" && message.change!.resource.addr.startsWith(`module.${format}.`))
      .map((message) => ({ address: message.change!.resource.addr, previous: message.change!.previous_resource?.addr, action: message.change!.action }));
    expect(changes).toEqual([{ address: `module.${format}.aws_cloudwatch_log_group.logs-web`, previous: `module.${format}.aws_cloudwatch_log_group.service-web_logs`, action: "move" }]);
  });
});
