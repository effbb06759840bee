import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { App, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { jsonDocument } from "../../modules/json-document";
import { alignedEntries, expression, quotedTemplate, stringExpression } from "../../stacks/hcl/expressions";
import { stackHcl } from "../../stacks/hcl";
import { configToHcl } from "../../stacks/hcl/write";
import { platform } from "../../config/platform";
import type { PlatformConfigInput } from "../../config/schema";
import { addPlatformStacks } from "../../stacks/platform";
import { synthesize } from "../helpers/synth";

/** The HCL writer (stacks/hcl) and the JSON-document helper; terraform itself checks them in terraform-plan.test.ts. */

describe("strings", () => {
  test("literal text is escaped, interpolations stay live, escaped sequences stay escaped", () => {
    expect(quotedTemplate('JSON {"username","accessToken"}')).toBe('"JSON {\\"username\\",\\"accessToken\\"}"');
    expect(quotedTemplate("a\\b\nc\td")).toBe('"a\\\\b\\nc\\td"');
    expect(quotedTemplate("repo:${var.tag}")).toBe('"repo:${var.tag}"');
    expect(quotedTemplate('${var.a != "x"} and "quoted"')).toBe('"${var.a != "x"} and \\"quoted\\""');
    expect(quotedTemplate("literal $${not} and %%{not}")).toBe('"literal $${not} and %%{not}"');
    expect(quotedTemplate("$5 and 100%")).toBe('"$5 and 100%"');
  });

  test("an interpolation-only string is the bare expression; anything more stays a template", () => {
    expect(stringExpression("${aws_iam_role.exec.arn}")).toBe("aws_iam_role.exec.arn");
    expect(stringExpression('${var.t != "latest" && can(regex("^a{0,1}$", var.t))}')).toBe('var.t != "latest" && can(regex("^a{0,1}$", var.t))');
    expect(stringExpression("${var.a}-${var.b}")).toBe('"${var.a}-${var.b}"');
    expect(() => stringExpression("${var.a")).toThrow("unterminated template sequence");
  });
});

describe("layout terraform fmt keeps", () => {
  test("= aligns across a run of one-line values; a multi-line value ends the run", () => {
    expect(alignedEntries([
      { key: "a", value: ["1"] },
      { key: "long_name", value: ['"x"'] },
      { key: "tags", value: ["{", "  k = 1", "}"] },
      { key: "b", value: ["[]"] },
    ])).toEqual(["a         = 1", 'long_name = "x"', "tags = {", "  k = 1", "}", "b = []"]);
  });

  test("lists of scalars stay on one line while short; others get one element per line with trailing commas", () => {
    expect(expression(["a", "b"])).toEqual(['["a", "b"]']);
    expect(expression([])).toEqual(["[]"]);
    expect(expression({})).toEqual(["{}"]);
    expect(expression([{ b: 1, a: true }])).toEqual(["[", "  {", "    a = true", "    b = 1", "  },", "]"]);
    const long = Array.from({ length: 6 }, (_, i) => `subnet-0c1b2c3d4e5f6071${i}`);
    expect(expression(long)).toEqual(["[", ...long.map((s) => `  "${s}",`), "]"]);
  });

  test("map keys that are not identifiers are quoted", () => {
    expect(expression({ "managed-by": "x", Name: "y", "aws:SourceAccount": "1" })).toEqual(["{", '  Name                = "y"', '  "aws:SourceAccount" = "1"', '  "managed-by"        = "x"', "}"]);
  });
});

describe("JSON documents", () => {
  function policyStack() {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    const tag = new TerraformVariable(stack, "tag", { type: "string" });
    new IamRolePolicy(stack, "p", { role: "r", policy: jsonDocument({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["ecr:BatchGetImage"], Resource: `arn:aws:ecr:us-east-1:111111111111:repository/app-${tag.stringValue}` }] }) });
    return stack;
  }

  test("the JSON output holds the literal JSON text, with the reference interpolated inside it", () => {
    const policy = (JSON.parse(Testing.synth(policyStack())) as { resource: { aws_iam_role_policy: { p: { policy: string } } } }).resource.aws_iam_role_policy.p.policy;
    expect(policy).toBe('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:BatchGetImage"],"Resource":"arn:aws:ecr:us-east-1:111111111111:repository/app-${var.tag}"}]}');
  });

  test("the HCL output writes jsonencode in the module's key order, interpolation live", () => {
    const hcl = stackHcl(policyStack());
    expect(hcl).toContain(
      [
        'resource "aws_iam_role_policy" "p" {',
        "  policy = jsonencode({",
        '    Version = "2012-10-17"',
        "    Statement = [",
        "      {",
        '        Effect   = "Allow"',
        '        Action   = ["ecr:BatchGetImage"]',
        '        Resource = "arn:aws:ecr:us-east-1:111111111111:repository/app-${var.tag}"',
        "      },",
        "    ]",
        "  })",
        '  role = "r"',
        "}",
      ].join("\n"),
    );
    expect(hcl).toContain('variable "tag" {\n  type = string\n}');
  });
});

describe("stacks", () => {
  const { json } = synthesize();

  test("the embedded example: container definitions are jsonencode with the image tag variable live", () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "pullguard-hcl-")) });
    try {
      const hcl = stackHclOf(app, "prod-us-east-1");
      expect(hcl).toContain('    image     = "111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:${var.orders_image_tag}"');
      expect(hcl).toContain("  container_definitions = jsonencode([\n");
      expect(hcl).toContain("  depends_on               = [aws_cloudwatch_log_group.service-orders_logs_03EFF475]\n");
      // Every JSON document attribute is jsonencode, none a string: the bug this writer fixes.
      expect(hcl).not.toMatch(/(policy|container_definitions|event_pattern) = "/);
      expect(hcl).not.toContain("\u0000");
    } finally {
      rmSync(app.outdir, { recursive: true, force: true });
    }
  });

  test("every stack declares the same resources in HCL as in JSON", () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "pullguard-hcl-")) });
    try {
      for (const [name, config] of Object.entries(json)) {
        const hcl = stackHclOf(app, name);
        const declared = [...hcl.matchAll(/^resource "([^"]+)" "([^"]+)" \{$/gm)].map((m) => `${m[1]}.${m[2]}`);
        const expected = Object.entries(config.resource as Record<string, Record<string, unknown>>).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
        expect({ name, declared: declared.sort() }).toEqual({ name, declared: expected.sort() });
        // Terraform 1.11 for write-only arguments: the HCL terraform block carries the floor too.
        expect({ name, requiredVersion: /^terraform \{\n {2}required_version = "(.*)"$/m.exec(hcl)?.[1] }).toEqual({ name, requiredVersion: ">=1.11.0" });
      }
    } finally {
      rmSync(app.outdir, { recursive: true, force: true });
    }
  });

  test("container environment and secrets are ordered by code point in both formats, not by locale", () => {
    const config = structuredClone(platform) as PlatformConfigInput & { environments: Record<string, { services: Record<string, { environment?: Record<string, string> }> }> };
    config.environments.prod!.services.web!.environment = { b_lower: "1", B_UPPER: "2", a_lower: "3", _under: "4" };
    const synthesized = synthesize(config);
    const web = Object.values(synthesized.json["prod-us-east-1"]!.resource.aws_ecs_task_definition as Record<string, { family: string; container_definitions: string }>).find((d) => d.family === "pullguard--prod-us-east-1--web")!;
    const names = (JSON.parse(web.container_definitions) as Array<{ environment: Array<{ name: string }> }>)[0]!.environment.map((e) => e.name);
    expect(names).toEqual(["B_UPPER", "_under", "a_lower", "b_lower"]);
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "pullguard-hcl-")) });
    try {
      addPlatformStacks(app, synthesized.plan);
      const hcl = stackHcl(app.node.findChild("prod-us-east-1") as TerraformStack);
      expect(hcl).toContain(["      environment = [", "        {", '          name  = "B_UPPER"', '          value = "2"', "        },", "        {", '          name  = "_under"'].join("\n"));
    } finally {
      rmSync(app.outdir, { recursive: true, force: true });
    }
  });

  test("values Terraform's JSON syntax reads literally keep a literal ${ in HCL", () => {
    const hcl = configToHcl({ variable: { v: { default: "a ${b}", description: "costs $5 ${x}", type: "string" } }, terraform: { backend: { local: { path: "s${1}" } } } }, new Map());
    expect(hcl).toBe(['terraform {', '  backend "local" {', '    path = "s$${1}"', "  }", "}", "", 'variable "v" {', '  default     = "a $${b}"', '  description = "costs $5 $${x}"', "  type        = string", "}", ""].join("\n"));
  });

  test("a configuration part the writer does not know is refused, not mis-rendered", () => {
    expect(() => configToHcl({ removed: [{ from: "a.b" }] }, new Map())).toThrow('HCL output: top-level "removed" is not supported; use the JSON output');
  });

  test("moved blocks (core/upgrade) are written with bare addresses", () => {
    expect(configToHcl({ moved: [{ from: "aws_sns_topic.a", to: "aws_sns_topic.b" }] }, new Map())).toBe("moved {\n  from = aws_sns_topic.a\n  to   = aws_sns_topic.b\n}\n");
  });
});

/** synthesize() keeps its App to itself, so the HCL tests build the stacks again, once per App. */
function stackHclOf(app: App, name: string): string {
  if (app.node.tryFindChild(name) === undefined) addPlatformStacks(app, synthesize().plan);
  return stackHcl(app.node.findChild(name) as TerraformStack);
}

describe("synth --hcl", () => {
  jest.setTimeout(60_000);
  const root = resolve(__dirname, "..", "..");
  const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" });

  test("SYNTH_HCL_OUTPUT=true writes cdk.tf per stack, the same bytes twice, and terraform fmt -check accepts them", () => {
    const outdirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), "pullguard-hcl-synth-")));
    try {
      for (const outdir of outdirs) {
        const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, SYNTH_HCL_OUTPUT: "true" };
        delete env.PULLGUARD_CONFIG;
        const run = spawnSync(process.execPath, [join(root, "scripts", "app.js")], { cwd: root, env, encoding: "utf8" });
        expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
      }
      const stacks = readdirSync(join(outdirs[0]!, "stacks")).sort();
      expect(stacks).toEqual(["dev", "prod-us-east-1", "prod-us-west-2", "registry-111111111111-us-east-1", "registry-111111111111-us-west-2", "staging"]);
      for (const stack of stacks) {
        expect(readdirSync(join(outdirs[0]!, "stacks", stack)).sort()).toEqual(["cdk.tf", "metadata.json"]);
        expect(readFileSync(join(outdirs[1]!, "stacks", stack, "cdk.tf"), "utf8")).toBe(readFileSync(join(outdirs[0]!, "stacks", stack, "cdk.tf"), "utf8"));
      }
      if (terraform.status !== 0) {
        console.warn("terraform fmt -check NOT run: no terraform binary on PATH");
        return;
      }
      const fmt = spawnSync("terraform", ["fmt", "-check", "-recursive", "-list=true", join(outdirs[0]!, "stacks")], { encoding: "utf8" });
      expect({ status: fmt.status, unformatted: fmt.stdout }).toEqual({ status: 0, unformatted: "" });
    } finally {
      for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
    }
  });

  test("the app itself takes --hcl, for running without the cdktf CLI", () => {
    const outdir = mkdtempSync(join(tmpdir(), "pullguard-hcl-arg-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, PULLGUARD_CONFIG: join(root, "config", "examples", "minimal.yaml") };
      delete env.SYNTH_HCL_OUTPUT;
      const run = spawnSync(process.execPath, [join(root, "scripts", "app.js"), "--hcl"], { cwd: root, env, encoding: "utf8" });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
      expect(readdirSync(join(outdir, "stacks", "prod")).sort()).toEqual(["cdk.tf", "metadata.json"]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test("terraform fmt -check can fail: a misaligned file is listed", () => {
    if (terraform.status !== 0) return;
    const dir = mkdtempSync(join(tmpdir(), "pullguard-hcl-fmt-"));
    try {
      writeFileSync(join(dir, "main.tf"), 'variable "a" {\n  type = string\n  default = "x"\n}\n');
      const fmt = spawnSync("terraform", ["fmt", "-check", "-list=true"], { cwd: dir, encoding: "utf8" });
      expect({ status: fmt.status, unformatted: fmt.stdout }).toEqual({ status: 3, unformatted: "main.tf\n" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
