import { longestImportChain, type CruisedModule } from "../../scripts/lib/import-chain";

/** A module as dependency-cruiser's JSON lists it: its path and what it imports. */
const m = (source: string, ...imports: string[]): CruisedModule => ({ source, dependencies: imports.map((resolved) => ({ resolved })) });

describe("longest import chain", () => {
  it("follows the deepest path through a diamond, not the first import", () => {
    const modules = [
      m("core/a.ts", "core/b.ts", "core/c.ts"),
      m("core/b.ts", "core/d.ts"),
      m("core/c.ts", "core/e.ts"),
      m("core/e.ts", "core/d.ts"),
      m("core/d.ts"),
    ];
    expect(longestImportChain(modules, "core/")).toEqual(["core/a.ts", "core/c.ts", "core/e.ts", "core/d.ts"]);
  });

  it("ends a chain where it leaves the folder: config/, facts/ and packages are not counted", () => {
    const modules = [
      m("core/a.ts", "config/schema.ts", "node_modules/zod/index.js"),
      m("config/schema.ts", "facts/arn.ts", "config/problems.ts"),
      m("config/problems.ts", "facts/arn.ts"),
      m("facts/arn.ts"),
      m("core/b.ts", "core/a.ts"),
    ];
    expect(longestImportChain(modules, "core/")).toEqual(["core/b.ts", "core/a.ts"]);
  });

  it("measures from one file when asked, and gives nothing for a file outside the folder or not cruised", () => {
    const modules = [m("core/model/index.ts", "core/model/plan-types.ts"), m("core/model/plan-types.ts"), m("core/plan/index.ts", "core/model/index.ts"), m("config/schema.ts")];
    expect(longestImportChain(modules, "core/", "core/model/index.ts")).toEqual(["core/model/index.ts", "core/model/plan-types.ts"]);
    expect(longestImportChain(modules, "core/", "core/model/plan-types.ts")).toEqual(["core/model/plan-types.ts"]);
    expect(longestImportChain(modules, "core/", "config/schema.ts")).toEqual([]);
    expect(longestImportChain(modules, "core/", "core/missing.ts")).toEqual([]);
  });

  it("stops at an import that closes a cycle instead of looping", () => {
    const modules = [m("core/a.ts", "core/b.ts"), m("core/b.ts", "core/c.ts"), m("core/c.ts", "core/a.ts")];
    expect(longestImportChain(modules, "core/")).toEqual(["core/a.ts", "core/b.ts", "core/c.ts"]);
  });

  it("gives the first chain in path order when two are as long, and nothing for an empty folder", () => {
    const modules = [m("core/z.ts", "core/y.ts"), m("core/y.ts"), m("core/b.ts", "core/c.ts"), m("core/c.ts")];
    expect(longestImportChain(modules, "core/")).toEqual(["core/b.ts", "core/c.ts"]);
    expect(longestImportChain(modules, "stacks/")).toEqual([]);
    expect(longestImportChain([], "core/")).toEqual([]);
  });
});
