/**
 * Config text in the pull-budget report is inert (core/markdown.ts): a suppression reason, a name,
 * a path, an image reference or a message adds characters to the report, never a heading, an HTML
 * comment, a closed <details>, a table column or a link. Expectations are the hand-escaped text.
 */
import { platform } from "../../../config/platform";
import { planPlatform } from "../../../core/plan";
import type { PlatformPlan } from "../../../core/model/plan-types";
import { markdownCode, markdownText, md, mermaidLabel } from "../../../core/markdown";
import { pullBudgetMarkdown } from "../../../core/report/report";
import { validConfig } from "../../helpers/synth";

const HOSTILE = "x\n# Heading <!-- </details> | `tick` ``run`` [link](javascript:alert(1)) <img src=x onerror=alert(1)> *em* _u_ ~~s~~ $m$ &amp; \\";
const HOSTILE_RENDERED = String.raw`x↵\# Heading &lt;!-- &lt;/details&gt; \| \`tick\` \`\`run\`\` \[link\](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; \*em\* \_u\_ \~\~s\~\~ \$m\$ &amp;amp; \\`;

describe("markdownText", () => {
  test("escapes HTML, code, emphasis, links, strikethrough, math and table pipes, and shows line breaks as ↵", () => {
    expect(markdownText(HOSTILE)).toBe(HOSTILE_RENDERED);
  });

  test("a value that would open a block where it starts is escaped there; the same characters later are text", () => {
    expect(markdownText("# h")).toBe(String.raw`\# h`);
    expect(markdownText("- item - more")).toBe(String.raw`\- item - more`);
    expect(markdownText("+ item")).toBe(String.raw`\+ item`);
    expect(markdownText("1. item")).toBe(String.raw`1\. item`);
    expect(markdownText("12) item")).toBe(String.raw`12\) item`);
    expect(markdownText("  + indented")).toBe(String.raw`&#32;&#32;\+ indented`);
    expect(markdownText("> quote")).toBe("&gt; quote");
    expect(markdownText("0.4%")).toBe("0.4%");
    expect(markdownText("SCAN_ON_PUSH _x")).toBe(String.raw`SCAN_ON_PUSH \_x`);
  });

  test("every line break and invisible control becomes visible", () => {
    expect(markdownText("a\r\nb\rc\u2028d\u2029e\u000bf\u0085g\th")).toBe("a↵b↵c↵d↵e↵f↵g h");
    expect(markdownText("\u202Eevil\u0000")).toBe("\uFFFDevil\uFFFD");
  });
});

describe("markdownCode", () => {
  test("a plain value is a code span; one a span cannot hold is <code> around escaped text", () => {
    expect(markdownCode("environments.prod.services.api").text).toBe("`environments.prod.services.api`");
    expect(markdownCode("a|b").text).toBe(String.raw`<code>a\|b</code>`);
    expect(markdownCode("a`b").text).toBe("<code>a\\`b</code>");
    expect(markdownCode("<img src=x>").text).toBe("<code>&lt;img src=x&gt;</code>");
    expect(markdownCode("a\nb").text).toBe("<code>a↵b</code>");
    expect(markdownCode(" a ").text).toBe("<code>&#32;a </code>");
    expect(markdownCode("").text).toBe("<code></code>");
  });
});

test("md escapes interpolated strings and keeps Markdown and numbers", () => {
  expect(md`- ${"*x*"} ${markdownCode("p")} ${3}: ${"a|b"}`.text).toBe(String.raw`- \*x\* ` + "`p` 3: a\\|b");
});

test("a Mermaid label keeps plain characters only", () => {
  expect(mermaidLabel('registry-1"]\n```<x>')).toBe("registry-1_______x_");
});

/** Unescaped pipes: a row of n cells has n + 1. */
function pipes(line: string): number {
  return line.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length - 1;
}

/** Every tag-like `<...>` in the text: pullguard writes only these. */
function tags(text: string): string[] {
  return [...new Set(text.match(/<[^\s>]*>?/g) ?? [])].sort();
}

describe("the report with hostile config text", () => {
  const base = planPlatform(validConfig(platform));
  const baseline = pullBudgetMarkdown(base);

  test("a suppression reason and path with line breaks, headings, HTML and links stay on their line, as text", () => {
    const plan = planPlatform(
      validConfig({
        ...platform,
        suppressions: [
          { rule: "PG-ENDPOINT-POLICY-SCOPE", path: "environments.prod.endpoints.restrictToAccount", reason: `accepted ${HOSTILE}` },
          { rule: "PG-ROLLOUT-BURST", path: HOSTILE, reason: "kept on purpose for this test" },
        ],
      }),
    );
    const text = pullBudgetMarkdown(plan);
    const lines = text.split("\n");
    expect(lines.filter((l) => l.includes("**Accepted because:** accepted "))).toHaveLength(2);
    for (const line of lines.filter((l) => l.includes("**Accepted because:**"))) expect(line.endsWith(`**Accepted because:** accepted ${HOSTILE_RENDERED}`)).toBe(true);
    // The unused suppression's warning quotes its path in the message: escaped the same way.
    // (A finding message is one line before it is Markdown: core/model/findings.ts writes its line break as "\n", shown as "\\n".)
    // The path is also cut to its first 80 characters (config/problems.ts shortValue) before it is escaped.
    expect(lines).toContain(
      "- warning `PG-SUPPRESSION-UNUSED` `suppressions[1]`: suppresses PG-ROLLOUT-BURST at x\\\\n\\# Heading &lt;!-- &lt;/details&gt; \\| \\`tick\\` \\`\\`run\\`\\` \\[link\\](javascript:alert(1)) &lt;img sr…(128 chars), but no such finding remains; remove the suppression",
    );
    // Two finding lines leave Findings for Suppressed (heading, blank, two lines, blank) and one warning comes: no line from the text.
    expect(lines.length).toBe(baseline.split("\n").length - 2 + 1 + 5);
    expect(tags(text)).toEqual(tags(baseline));
  });

  test("names, image references, paths, messages and adoption text: same lines, same columns, no tag from the config", () => {
    const hostile: PlatformPlan = {
      ...base,
      adoption: [{ action: "adopt", stack: HOSTILE, what: HOSTILE }],
      deployOrder: [[HOSTILE]],
      environments: base.environments.map((env) => ({
        ...env,
        account: HOSTILE,
        services: env.services.map((s) => ({
          ...s,
          name: `${s.name}${HOSTILE}`,
          containers: s.containers.map((c) => ({ ...c, image: { ...c.image, pull: { ...c.image.pull, registryPath: HOSTILE } } })),
        })),
      })),
      findings: [{ level: "error", rule: "PG-X", stack: HOSTILE, path: HOSTILE, message: HOSTILE }],
    };
    const text = pullBudgetMarkdown(hostile);
    const lines = text.split("\n");
    expect(lines).toContain(`- adopt (${HOSTILE_RENDERED}): ${HOSTILE_RENDERED}`);
    expect(lines).toContain(`1. ${HOSTILE_RENDERED}`);
    expect(lines).toContain(`- **error** \`PG-X\` (${HOSTILE_RENDERED}) <code>${HOSTILE_RENDERED}</code>: ${HOSTILE_RENDERED}`);
    expect(lines).toContain(`## dev (${HOSTILE_RENDERED}, us-east-1)`);
    const ordersRow = lines.find((l) => l.startsWith(`| orders${HOSTILE_RENDERED} | FARGATE | 2 |`))!;
    expect(ordersRow).toContain(` | <code>${HOSTILE_RENDERED}</code> | ok |`);
    // Every table row has the columns of its header: 11 in the service table, 9 in the starts table, 3 in the rollback table.
    const rows = lines.filter((l) => l.startsWith("| "));
    const widths = new Set(rows.map(pipes));
    expect([...widths].sort()).toEqual([10, 12, 4, 6].sort()); // 9 + 1, 11 + 1, upstream pulls by cache and rollback tables 3 + 1, shared-quota table 5 + 1
    expect(lines.filter((l) => /^\|.*\bHeading\b/.test(l)).every((l) => pipes(l) === 12 || pipes(l) === 10 || pipes(l) === 4)).toBe(true);
    // One adoption line for the baseline's "Adopts nothing", one deploy wave for two, one finding for two: no line from the text.
    expect(lines.length).toBe(baseline.split("\n").length - 1 - 1);
    expect(tags(text)).toEqual(["</code>", "<alias>", "<br>", "<code>", "<region>"]);
    expect(lines.filter((l) => l.startsWith("#"))).toEqual(baseline.split("\n").filter((l) => l.startsWith("#")).map((l) => l.replace(/^## (\w[\w-]*) \(111111111111,/, `## $1 (${HOSTILE_RENDERED},`)));
  });
});
