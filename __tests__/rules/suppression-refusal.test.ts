import type { Finding } from "../../core/model/findings";
import { applySuppressions } from "../../core/plan/suppressions";

const burst: Finding = { level: "warning", path: "environments.prod.services.web.deployment", message: "web: starts 100 tasks at once", stack: "prod", rule: "PG-ROLLOUT-BURST" };
const latest: Finding = { level: "error", path: "environments.prod.services.web.image", message: '"nginx:latest" uses :latest', stack: "prod", rule: "PG-IMAGE-LATEST" };
const reason = "accepted in the incident review of 2026-11";

describe("PG-SUPPRESSION-REFUSED (warning)", () => {
  test("compliant: a suppression of a suppressible finding at its path takes it out, with its reason", () => {
    expect(applySuppressions([burst], [{ rule: "PG-ROLLOUT-BURST", path: burst.path, reason }])).toEqual({ findings: [], suppressed: [{ ...burst, reason }] });
  });

  test("non-compliant: a config error cannot be suppressed, so it stays and the suppression is refused", () => {
    expect(applySuppressions([latest], [{ rule: "PG-IMAGE-LATEST", path: latest.path, reason }])).toEqual({
      findings: [
        latest,
        {
          level: "warning",
          path: "suppressions[0]",
          message: "names PG-IMAGE-LATEST, a config error that cannot be suppressed; fix the config at environments.prod.services.web.image instead",
          rule: "PG-SUPPRESSION-REFUSED",
        },
      ],
      suppressed: [],
    });
  });

  test("non-compliant: an id no finding has is refused, not reported as merely unused", () => {
    expect(applySuppressions([burst], [{ rule: "PG-ROLLOUT-BURTS", path: burst.path, reason }])).toEqual({
      findings: [
        {
          level: "warning",
          path: "suppressions[0]",
          message: "names PG-ROLLOUT-BURTS, which is no pullguard finding (docs/findings.md lists them); correct the id or remove the suppression",
          rule: "PG-SUPPRESSION-REFUSED",
        },
        burst,
      ],
      suppressed: [],
    });
  });
});

describe("PG-SUPPRESSION-UNUSED (warning)", () => {
  test("compliant: a suppression that matches its finding is used", () => {
    expect(applySuppressions([burst], [{ rule: "PG-ROLLOUT-BURST", path: burst.path, reason }]).findings).toEqual([]);
  });

  test("non-compliant: a suppression of a catalogued id at a path with no such finding", () => {
    expect(applySuppressions([], [{ rule: "PG-ROLLOUT-BURST", path: "environments.prod.services.api.deployment", reason }]).findings).toEqual([
      {
        level: "warning",
        path: "suppressions[0]",
        message: "suppresses PG-ROLLOUT-BURST at environments.prod.services.api.deployment, but no such finding remains; remove the suppression",
        rule: "PG-SUPPRESSION-UNUSED",
      },
    ]);
  });
});
