import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack, Testing, Token } from "cdktf";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { platform } from "../../config/platform";
import { planPlatform } from "../../core/plan";
import { synthesizeLean } from "../../app/lean-synth";
import { readOutputTree } from "../../scripts/lib/output-files";
import { expression } from "../../stacks/hcl/expressions";
import { LITERAL, MARK, quarantineText, releaseLiterals, releaseText, templateLiteral } from "../../stacks/literal-text";
import { addPlatformStacks } from "../../stacks/platform";
import { validConfig } from "../helpers/synth";

/** stacks/literal-text.ts: config text as Terraform text, and what cdktf does with it unguarded. */

describe("templateLiteral: text as a Terraform template that evaluates to it", () => {
  test.each([
    ["${file(\"/etc/hostname\")}", "$${file(\"/etc/hostname\")}"],
    ["%{if true}x%{endif}", "%%{if true}x%%{endif}"],
    ["curl -fsS http://localhost:${PORT}/ || exit 1", "curl -fsS http://localhost:$${PORT}/ || exit 1"],
    // Already escaped by the user: Terraform reads `$$${x}` as `$${x}`, the text written.
    ["$${x}", "$$${x}"],
    ["$$${", "$$$${"],
    ["%%{", "%%%{"],
    ["$", "$"],
    ["{", "{"],
    ["$5 and 100% {}", "$5 and 100% {}"],
    ["a$", "a$"],
    ["héllo ${x} 日本 🚀", "héllo $${x} 日本 🚀"],
    ["${TfToken[TOKEN.1]}", "$${TfToken[TOKEN.1]}"],
    ["#{TfToken[TOKEN.1]} &{TfToken[TOKEN.2]}", "#{TfToken[TOKEN.1]} &{TfToken[TOKEN.2]}"],
    [MARK, MARK],
    [`$${MARK}{`, `$${MARK}{`],
    [`${MARK}${MARK}{`, `${MARK}${MARK}{`],
    [`${LITERAL}${MARK}\${x}`, `${LITERAL}${MARK}$\${x}`],
    ["-8.109562212591379e+298", "-8.109562212591379e+298"],
  ])("%j is written %j", (text, written) => {
    expect(templateLiteral(text)).toBe(written);
  });
});

describe("quarantine", () => {
  test("marks what cdktf or Terraform could read as a sequence, and nothing else", () => {
    expect(quarantineText("${x} %{y} #{z} &{w} {v} plain")).toBe(`$${MARK}{x} %${MARK}{y} #${MARK}{z} &${MARK}{w} {v} plain`);
    expect(quarantineText("{lead")).toBe(`${MARK}{lead`);
    expect(quarantineText("trail$")).toBe(`trail$${MARK}`);
    expect(quarantineText("arn:aws:s3:::assets/*")).toBe("arn:aws:s3:::assets/*");
    // A number cdktf would take for one of its number tokens (its tag bits; this one encodes token 1).
    expect(Token.isUnresolved(parseFloat("-8.109562212591379e+298"))).toBe(true);
    expect(quarantineText("-8.109562212591379e+298 and 1e5")).toBe(`-8.109562212591379${MARK}e+298 and 1${MARK}e5`);
    expect(quarantineText("1e5")).toBe("1e5");
  });

  // A `$` that ends config text and a reference right after it would read as `$${`: the reference
  // is then written as text, the safe side (no module puts a token right after config text).
  test("config text ending in $ cannot open a sequence with whatever follows it", () => {
    expect(releaseText(quarantineText("a$") + quarantineText("{b}"), true)).toBe("a$${b}");
    expect(releaseText(quarantineText("a%") + "{pullguard}", true)).toBe("a%%{pullguard}");
    expect(releaseText(quarantineText("a$") + "${aws_sns_topic.t.arn}", true)).toBe("a$${aws_sns_topic.t.arn}");
    expect(quarantineText(`${MARK}${LITERAL}`)).toBe(`${LITERAL}${MARK}${LITERAL}${LITERAL}`);
  });

  test.each(["${x}", "$${x}", "%{a}%%{b}", "trail$", "{", `${MARK}{`, `${LITERAL}{`, `$${LITERAL}`, "-8.109562212591379e+298", "日本${x}", ""])("%j comes back unchanged where Terraform reads text literally", (text) => {
    expect(releaseText(quarantineText(text), false)).toBe(text);
  });
});

describe("releaseLiterals: templates escaped, literal arguments as written (Terraform JSON syntax)", () => {
  const marked = quarantineText("${x}");
  test("resource arguments, keys and JSON text are templates; variable default and description, output description, the terraform block and comments are literal", () => {
    const doc = releaseLiterals({
      "//": { metadata: { path: marked } },
      terraform: { backend: { s3: { key: marked } } },
      provider: { aws: [{ default_tags: [{ tags: { [marked]: marked } }] }] },
      variable: { v: { default: marked, description: marked, validation: [{ error_message: marked }] } },
      output: { o: { value: marked, description: marked } },
      resource: { aws_sns_topic: { t: { "//": { metadata: { path: marked } }, name: marked, policy: `{"a":"${marked}"}` } } },
    });
    expect(doc).toEqual({
      "//": { metadata: { path: "${x}" } },
      terraform: { backend: { s3: { key: "${x}" } } },
      provider: { aws: [{ default_tags: [{ tags: { "$${x}": "$${x}" } }] }] },
      variable: { v: { default: "${x}", description: "${x}", validation: [{ error_message: "$${x}" }] } },
      output: { o: { value: "$${x}", description: "${x}" } },
      resource: { aws_sns_topic: { t: { "//": { metadata: { path: "${x}" } }, name: "$${x}", policy: '{"a":"$${x}"}' } } },
    });
  });
});

test("the HCL writer keeps an escaped key escaped: a quoted key is a template in both syntaxes", () => {
  expect(expression({ "lit$${x}": "$${y}" })).toEqual(["{", '  "lit$${x}" = "$${y}"', "}"]);
});

describe("cdktf and config text", () => {
  test("cdktf, unguarded, takes text shaped like its marker for the token it names (why quarantine exists)", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    const real = new SnsTopic(stack, "real", { name: "real" });
    const key = /TfToken\[([^\]]+)\]/.exec(real.arn)![1]!;
    new SnsTopic(stack, "forged", { name: `\${TfToken[${key}]}` });
    const forged = JSON.parse(Testing.synth(stack)).resource.aws_sns_topic.forged.name;
    expect(forged).toBe("${aws_sns_topic.real.arn}");
  });

  const hostile = (): ReturnType<typeof validConfig> => {
    const config = validConfig(platform);
    const env = Object.values(config.environments)[0]!;
    const service = Object.values(env.services)[0]!;
    (service.environment as Record<string, string>).FORGED = "${TfToken[TOKEN.1]} #{TfToken[TOKEN.1]} -8.109562212591379e+298 ${file(\"/etc/passwd\")}";
    return config;
  };

  test("through pullguard's stacks the same text is planned as written, and the plain and lean synth write the same bytes", () => {
    const plan = planPlatform(hostile());
    const dir = mkdtempSync(join(tmpdir(), "pullguard-literal-"));
    try {
      for (const hclOutput of [false, true]) {
        // cdktf's stack synthesizer reads the environment, as `cdktf synth --hcl` sets it.
        process.env.SYNTH_HCL_OUTPUT = String(hclOutput);
        const plain = new App({ stackTraces: false, outdir: join(dir, `plain-${hclOutput}`), hclOutput });
        addPlatformStacks(plain, plan);
        plain.synth();
        const lean = new App({ stackTraces: false, outdir: join(dir, `lean-${hclOutput}`), hclOutput });
        synthesizeLean(lean, () => addPlatformStacks(lean, plan));
        const plainFiles = readOutputTree(join(dir, `plain-${hclOutput}`));
        expect(readOutputTree(join(dir, `lean-${hclOutput}`))).toEqual(plainFiles);
        const text = [...plainFiles.values()].join("\n");
        const written = hclOutput
          ? '"$${TfToken[TOKEN.1]} #{TfToken[TOKEN.1]} -8.109562212591379e+298 $${file(\\"/etc/passwd\\")}"'
          : '$${TfToken[TOKEN.1]} #{TfToken[TOKEN.1]} -8.109562212591379e+298 $${file(\\\\\\"/etc/passwd\\\\\\")}';
        expect(text).toContain(written);
        expect(text).not.toContain(MARK);
      }
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
