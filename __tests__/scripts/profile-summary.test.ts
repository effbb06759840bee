import { areaOf, bundleModules, summarizeProfiles } from "../../scripts/lib/profile-summary";

/** The bench's profile summary: self time by package or pullguard directory, from esbuild's module comments. */
const BUNDLE = [
  '"use strict";', // 0: esbuild runtime
  "var __commonJS = () => {};",
  "// node_modules/cdktf/lib/tokens/private/resolve.js",
  "function resolve() {}",
  "// node_modules/@cdktf/provider-aws/lib/iam-role/index.js",
  "class IamRole {}",
  "// core/plan/index.ts",
  "function planPlatform() {}",
].join("\n");

describe("profile summary", () => {
  it("finds where each bundled module starts", () => {
    expect(bundleModules(BUNDLE)).toEqual([
      [2, "node_modules/cdktf/lib/tokens/private/resolve.js"],
      [4, "node_modules/@cdktf/provider-aws/lib/iam-role/index.js"],
      [6, "core/plan/index.ts"],
    ]);
  });

  it("names areas by package, cdktf's token code apart, and pullguard's directories", () => {
    expect(areaOf("node_modules/cdktf/lib/tokens/private/resolve.js")).toBe("cdktf tokens");
    expect(areaOf("node_modules/cdktf/lib/terraform-stack.js")).toBe("cdktf");
    expect(areaOf("node_modules/cdktf/node_modules/json-stable-stringify/index.js")).toBe("json-stable-stringify");
    expect(areaOf("node_modules/@cdktf/provider-aws/lib/iam-role/index.js")).toBe("@cdktf/provider-aws");
    expect(areaOf("stacks/platform.ts")).toBe("pullguard stacks");
  });

  it("sums self time per area over several profiles", () => {
    const frame = (functionName: string, lineNumber: number, url = "/repo/main.ts") => ({ functionName, url, lineNumber });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("resolve", 3) },
        { id: 2, callFrame: frame("planPlatform", 7) },
        { id: 3, callFrame: frame("(garbage collector)", -1, "") },
        { id: 4, callFrame: frame("__commonJS", 1) },
        { id: 5, callFrame: frame("(idle)", -1, "") },
      ],
      samples: [1, 1, 2, 3, 4, 5],
      timeDeltas: [3000, 3000, 2000, 1000, 1000, 7000],
    };
    const summary = summarizeProfiles([profile, profile], BUNDLE, (url) => url.endsWith("main.ts"));
    expect(summary).toEqual([
      { area: "cdktf tokens", milliseconds: 12, share: 0.6 },
      { area: "pullguard core", milliseconds: 4, share: 0.2 },
      { area: "garbage collection", milliseconds: 2, share: 0.1 },
      { area: "esbuild runtime helpers", milliseconds: 2, share: 0.1 },
    ]);
  });
});
