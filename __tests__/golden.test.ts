import { goldenDifferences } from "../scripts/golden";

/**
 * Output that a change did not mean to touch stays byte-identical: every stack, the manifest and the
 * pull-budget report of every example, against __tests__/golden/. After an intended output change,
 * `npm run golden` refreshes the copies and the review shows the difference.
 */
test("every example's output is byte-identical to its golden copy", () => {
  expect(goldenDifferences()).toEqual([]);
});
