/** The report's start-burst helpers on their own: the API abbreviation table and duration text. */
import { durationText, REPORTED_APIS, reportedApiLegend } from "../../../core/report/starts";

describe("REPORTED_APIS: the one home of the report's API abbreviations", () => {
  it("abbreviates the three ECR APIs a pull calls, in column order; BatchCheckLayerAvailability is push-side and not reported", () => {
    expect(REPORTED_APIS).toEqual([
      { api: "GetAuthorizationToken", abbreviation: "GAT" },
      { api: "BatchGetImage", abbreviation: "BGI" },
      { api: "GetDownloadUrlForLayer", abbreviation: "GDUFL" },
    ]);
  });

  it("prints them as the legend under the report's tables", () => {
    expect(reportedApiLegend()).toBe("GAT GetAuthorizationToken, BGI BatchGetImage, GDUFL GetDownloadUrlForLayer");
  });
});

describe("durationText", () => {
  it.each([
    [null, "never (no task can start)"],
    [0, "0 s"],
    [45, "45 s"],
    [60, "1 min"],
    [135, "2 min 15 s"],
    [1080, "18 min"],
  ])("%p seconds -> %p", (seconds, text) => {
    expect(durationText(seconds)).toBe(text);
  });
});
