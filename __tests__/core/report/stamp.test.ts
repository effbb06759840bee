import { stampedPullBudgetJson, stampedPullBudgetMarkdown } from "../../../core/report/stamp";
import type { PullBudgetReport } from "../../../core/report/report";

/** The version stamp in the report: where it goes, and config names that are hostile Markdown. */
const report = { deployOrder: [["dev"]] } as unknown as PullBudgetReport;

test("the JSON report gets `pullguard` as its first key, the rest unchanged", () => {
  expect(stampedPullBudgetJson(report, { version: "0.2.0", config: "pullguard.config.yaml" })).toBe(
    '{\n  "pullguard": {\n    "version": "0.2.0",\n    "config": "pullguard.config.yaml"\n  },\n  "deployOrder": [\n    [\n      "dev"\n    ]\n  ]\n}\n',
  );
});

test("the Markdown report ends with one line naming the version and the config as code", () => {
  expect(stampedPullBudgetMarkdown("# Pull budget\n\nNone.", { version: "0.2.0", config: "config/examples/minimal.yaml" })).toBe(
    "# Pull budget\n\nNone.\nSynthesized by pullguard 0.2.0 from `config/examples/minimal.yaml`.\n",
  );
});

test("a config name holding a backtick, a pipe or HTML stays inert text", () => {
  const line = stampedPullBudgetMarkdown("", { version: "0.2.0", config: "a`b|<img src=x>.yaml" });
  expect(line).toBe("\nSynthesized by pullguard 0.2.0 from <code>a\\`b\\|&lt;img src=x&gt;.yaml</code>.\n");
});
