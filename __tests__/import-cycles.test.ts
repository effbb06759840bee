import { join } from "node:path";
import { importCycles, importGraph } from "./helpers/import-graph";

describe("importCycles", () => {
  test("finds each cycle once, with its files, and ignores files merely reaching one", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts", "e.ts"]],
      ["e.ts", ["e.ts"]],
      ["f.ts", []],
    ]);
    expect(importCycles(graph)).toEqual([["a.ts", "b.ts", "c.ts"], ["e.ts"]]);
  });

  test("an acyclic graph has none", () => {
    expect(importCycles(new Map([["a.ts", ["b.ts"]], ["b.ts", []]]))).toEqual([]);
  });
});

describe("core/", () => {
  const graph = importGraph(join(__dirname, "..", "core"));

  test("reads the planner's imports, type imports included", () => {
    expect(graph.get("plan.ts")).toContain("location-plan.ts");
    expect(graph.get("plan-types.ts")).toContain("findings.ts");
    // The finding types' home imports nothing of the plan (config/problems.ts is outside core/).
    expect(graph.get("findings.ts")).toEqual(["sort.ts"]);
  });

  test("has no import cycle: planners share types through location-context.ts, findings.ts and the plan types, never each other", () => {
    expect(importCycles(graph)).toEqual([]);
  });
});
