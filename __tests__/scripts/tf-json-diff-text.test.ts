import { diffStacks, type StackDiff } from "../../scripts/lib/tf-json-diff";
import { clip, formatAttribute, formatDiff, MAX_VALUE_CHARS, summaryLine } from "../../scripts/lib/tf-json-diff-text";
import { copy, stack, type Any } from "../helpers/tf-json-stack";

describe("clip", () => {
  // 100 "a" then 150 "b": 250 characters, 50 over MAX_VALUE_CHARS (200).
  const text = "a".repeat(100) + "b".repeat(150);

  it("leaves a value of MAX_VALUE_CHARS or fewer as it is", () => {
    expect(MAX_VALUE_CHARS).toBe(200);
    expect(clip("c".repeat(200), 150)).toBe("c".repeat(200));
  });

  it("keeps 60 characters before the focus and marks both cuts", () => {
    // focus 100: start = max(0, min(100 - 60, 250 - 200)) = 40, end = 240 < 250
    expect(clip(text, 100)).toBe("…" + "a".repeat(60) + "b".repeat(140) + "…");
  });

  it("cuts only the end when the focus is near the start", () => {
    // focus 0: start = max(0, min(-60, 50)) = 0, end = 200
    expect(clip(text, 0)).toBe("a".repeat(100) + "b".repeat(100) + "…");
  });

  it("keeps the last MAX_VALUE_CHARS when the focus is near the end", () => {
    // focus 250: start = min(190, 50) = 50, end = 250 = length
    expect(clip(text, 250)).toBe("…" + "a".repeat(50) + "b".repeat(150));
  });
});

describe("formatAttribute", () => {
  it("writes each kind of change with JSON-encoded values", () => {
    expect(formatAttribute({ path: "desired_count", change: "changed", before: 2, after: 3 })).toBe("desired_count: 2 → 3");
    expect(formatAttribute({ path: "tags.team", change: "removed", before: "core" })).toBe('tags.team: "core" → (absent)');
    expect(formatAttribute({ path: "extra", change: "added", after: { a: [1, null] } })).toBe('extra: (absent) → {"a":[1,null]}');
    expect(formatAttribute({ path: "policy", change: "reformatted", before: "{}", after: "{ }" })).toBe("policy: JSON text reformatted, same document");
  });

  it('names a whole-value change "(value)"', () => {
    expect(formatAttribute({ path: "", change: "changed", before: null, after: false })).toBe("(value): null → false");
  });

  it("cuts both sides of a long change at their first difference", () => {
    // Encoded: '"' + 300 × "p" + '1"' (303 chars) vs the same ending '2"'; common prefix 301.
    // start = max(0, min(301 - 60, 303 - 200)) = 103, end = 303: 198 "p", then the digit and quote.
    const line = formatAttribute({ path: "description", change: "changed", before: `${"p".repeat(300)}1`, after: `${"p".repeat(300)}2` });
    expect(line).toBe(`description: …${"p".repeat(198)}1" → …${"p".repeat(198)}2"`);
  });
});

describe("formatDiff", () => {
  it("warns under a removed stack that dropping it destroys nothing", () => {
    const removed: StackDiff = {
      stack: "old",
      change: "removed",
      blocks: [{ kind: "resource", address: "aws_ecs_cluster.cluster", change: "removed", attributes: [] }],
      resources: { added: 0, changed: 0, removed: 1 },
    };
    expect(formatDiff([removed])).toBe(
      [
        "- stack old (stack removed, +0 ~0 -1 resources)",
        "    note: dropping a stack from the output destroys nothing; run terraform destroy on it first, or its resources stay in AWS unmanaged",
        "  - aws_ecs_cluster.cluster",
        "",
        "1 stacks changed: +0 ~0 -1 resources",
        "",
      ].join("\n"),
    );
  });

  it("cuts long values around their first difference", () => {
    const base: Any = copy(stack());
    const head: Any = copy(stack());
    const long = "x".repeat(500);
    base.variable.orders_image_tag.description = `${long}-old-${long}`;
    head.variable.orders_image_tag.description = `${long}-new-${long}`;
    const line = formatDiff(diffStacks({ dev: base }, { dev: head })).split("\n").find((l) => l.includes("description:"))!;
    const [before, after] = line.replace("      description: ", "").split(" → ");
    for (const side of [before!, after!]) {
      expect(side.length).toBeLessThanOrEqual(MAX_VALUE_CHARS + 2);
      expect(side.startsWith("…") && side.endsWith("…")).toBe(true);
    }
    expect(before).toContain("-old-");
    expect(after).toContain("-new-");
  });
});

describe("summaryLine", () => {
  it("writes the summary line in one fixed format", () => {
    expect(summaryLine([])).toBe("0 stacks changed: +0 ~0 -0 resources");
  });

  it("adds up the resource counts of every stack", () => {
    const counts = (added: number, changed: number, removed: number): StackDiff => ({ stack: "s", change: "changed", blocks: [], resources: { added, changed, removed } });
    // +1+3 = 4 added, ~2+0 = 2 changed, -0+4 = 4 removed
    expect(summaryLine([counts(1, 2, 0), counts(3, 0, 4)])).toBe("2 stacks changed: +4 ~2 -4 resources");
  });
});
