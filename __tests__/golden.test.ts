import { readFileSync } from "node:fs";
import { goldenDifferences } from "../scripts/golden";

/**
 * Output that a change did not mean to touch stays byte-identical: every stack, the manifest and the
 * pull-budget report of every example, against __tests__/golden/. After an intended output change,
 * `npm run golden` refreshes the copies and the review shows the difference.
 */
// The golden copies are the cdktf build's output. The CDK Terrain build (compat/cdktn) writes its
// own version strings and empty-object layout, and compares its output with the cdktf build's there.
const cdkTerrain = (JSON.parse(readFileSync(require.resolve("cdktf/package.json"), "utf8")) as { name: string }).name === "cdktn";

(cdkTerrain ? test.skip : test)("every example's output is byte-identical to its golden copy", () => {
  expect(goldenDifferences()).toEqual([]);
});
