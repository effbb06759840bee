import { verdicts } from "../../scripts/lib/bench-verdict";

describe("npm run bench's verdict", () => {
  it("passes figures within every target", () => {
    expect(verdicts(0.27, 0.147, 7.4, 850)).toEqual([
      "Targets (issue 15):",
      "",
      "- embedded example through `npm run synth`: 0.27 s (target under 0.5 s): **pass**",
      "- embedded example, paired direct / CLI: 6.8x faster (target 4x or more): **pass**",
      "- 10,000 services, wall: 7.40 s (target 10 s or less): **pass**",
      "- 10,000 services, peak memory: 850 MB (target 1000 MB or less): **pass**",
    ]);
  });

  it("fails each figure past its target, and only that one", () => {
    const lines = verdicts(0.5, 0.3, 10.01, 1001);
    expect(lines.slice(2).map((line) => line.endsWith("**FAIL**"))).toEqual([true, true, true, true]);
    expect(verdicts(0.49, 0.25, 10, 1000).slice(2).map((line) => line.endsWith("**pass**"))).toEqual([true, true, true, true]);
  });
});
