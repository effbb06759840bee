import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { budgetDiffOf } from "../../scripts/lib/tf-json-diff-budget";

describe("each side's pull-budget.json, read for npm run diff", () => {
  const dirs: string[] = [];
  const side = (content?: string) => {
    const dir = mkdtempSync(join(tmpdir(), "pullguard-budget-side-"));
    dirs.push(dir);
    if (content !== undefined) writeFileSync(join(dir, "pull-budget.json"), content);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const report = (desiredCount: number) => JSON.stringify({ stacks: [{ stack: "prod", services: [{ service: "web", desiredCount }] }] });

  test("both readable: the change, and no note", () => {
    const notes: string[] = [];
    const diff = budgetDiffOf({ dir: side(report(2)), label: "base" }, { dir: side(report(3)), label: "head" }, notes);
    expect(notes).toEqual([]);
    expect(diff?.services).toEqual([{ service: "prod/web", change: "changed", fields: [{ field: "desiredCount", before: 2, after: 3 }], after: { desiredCount: 3 } }]);
  });

  test("missing, malformed or not a report: no comparison, one note per side saying why", () => {
    const notes: string[] = [];
    expect(budgetDiffOf({ dir: side(), label: "--base-dir" }, { dir: side("{ nope"), label: "--head-dir" }, notes)).toBeUndefined();
    expect(budgetDiffOf({ dir: side("[1, 2]"), label: "base" }, { dir: side(report(1)), label: "head" }, notes)).toBeUndefined();
    expect(notes.map((n) => n.replace(/\(.*\)/, "(…)"))).toEqual([
      "--base-dir has no pull-budget.json: the pull budget is not compared",
      "--head-dir: cannot read pull-budget.json (…): the pull budget is not compared",
      "base: pull-budget.json is not a pull-budget report (…): the pull budget is not compared",
    ]);
  });
});
