import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { movedBlocksFor, RESOURCE_MOVES, type ResourceMove } from "../../core/upgrade";
import { addMovedBlocks } from "../../stacks/moved-blocks";
import { stackHcl } from "../../stacks/hcl";
import { DECLARED_AWS_CONSTRAINT, OFFLINE_PROVIDER, setUpTerraform, terraformMissing } from "../helpers/terraform";

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

/** A state that holds the log group at its 0.1.0 address, as an apply of 0.1.0 would have left it. */
function oldState(): string {
  const attributes = { id: "pullguard-web", name: "pullguard-web", name_prefix: "", arn: "arn:aws:logs:eu-west-1:123456789012:log-group:pullguard-web", retention_in_days: 30, kms_key_id: "", log_group_class: "STANDARD", skip_destroy: false, tags: null, tags_all: {} };
  const resource = { mode: "managed", type: "aws_cloudwatch_log_group", name: "service-web_logs", provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }] };
  return JSON.stringify({ version: 4, terraform_version: "1.11.0", serial: 1, lineage: "00000000-0000-0000-0000-000000000001", outputs: {}, resources: [resource], check_results: null });
}

const terraform = setUpTerraform(DECLARED_AWS_CONSTRAINT);
if (!terraform.ok) {
  terraformMissing(`moved blocks NOT planned by the real terraform: ${terraform.reason}`);
}
(terraform.ok ? describe : describe.skip)("the real terraform and provider", () => {
  jest.setTimeout(300_000);
  const setup = terraform.ok ? terraform.setup : undefined;
  // One plan directory and one `terraform init` for both formats: the JSON and the HCL rendering
  // declare the same provider and backend, so the second plan needs no init of its own (an init
  // links and hashes the 700 MB provider again: about 2 CPU-s). Each test writes its own rendering
  // alone and a fresh 0.1.0 state before it plans.
  let dir = "";
  let env: NodeJS.ProcessEnv = {};
  let init: SpawnSyncReturns<string>;
  const run = (args: string[]) => spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8" });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "pullguard-moved-plan-"));
    env = { ...setup!.env, TF_DATA_DIR: join(dir, ".terraform") };
    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(renamedStack(setup!.providerVersion).toTerraform()));
    copyFileSync(setup!.lockFile, join(dir, ".terraform.lock.hcl"));
    init = run(["init", "-input=false", "-no-color"]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(["json", "hcl"])("plan (%s) moves the 0.1.0 object to the new address: no create, no destroy", (format) => {
    expect(init.stderr).toBe("");
    const stack = renamedStack(setup!.providerVersion);
    for (const file of ["cdk.tf.json", "main.tf", "tfplan"]) rmSync(join(dir, file), { force: true });
    if (format === "json") writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(stack.toTerraform()));
    else writeFileSync(join(dir, "main.tf"), stackHcl(stack));
    writeFileSync(join(dir, "terraform.tfstate"), oldState());
    const plan = run(["plan", "-refresh=false", "-input=false", "-no-color", "-lock=false", "-out=tfplan"]);
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toContain("aws_cloudwatch_log_group.service-web_logs has moved to aws_cloudwatch_log_group.logs-web");
    const shown = JSON.parse(run(["show", "-json", "tfplan"]).stdout) as { resource_changes: Array<{ address: string; previous_address?: string; change: { actions: string[] } }> };
    expect(shown.resource_changes.map((c) => ({ address: c.address, previous: c.previous_address, creates: c.change.actions.includes("create"), deletes: c.change.actions.includes("delete") }))).toEqual([
      { address: "aws_cloudwatch_log_group.logs-web", previous: "aws_cloudwatch_log_group.service-web_logs", creates: false, deletes: false },
    ]);
  });
});
