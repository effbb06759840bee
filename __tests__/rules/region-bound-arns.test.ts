/**
 * Region-bound ARNs judged on the plan (core/rules/arn-region.ts, target-group-location.ts,
 * lifecycle-hook-region.ts). The paths, hints and per-Region merging are exercised in
 * __tests__/core/locations/region-production.test.ts and region-settings.test.ts; here: what the
 * plan records reaches the rules whether or not the service itself could be planned, and sidecars
 * count like the main container.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { arnRegion } from "../../core/rules/arn-region";
import { lifecycleHookRegion } from "../../core/rules/lifecycle-hook-region";
import type { Rule } from "../../core/rules/rule";
import { ACCOUNT, findingsOf, OWN_IMAGE, platform } from "./rule-cases";

const WEST_SECRET = `arn:aws:secretsmanager:us-west-2:${ACCOUNT}:secret:db-AbCdEf`;
const lines = (config: PlatformConfigInput, rule: Rule) => findingsOf(config, rule).map((f) => `${f.level} ${f.stack ?? "-"} ${f.path}: ${f.message}`);

describe("Region-bound ARNs on the plan", () => {
  test("a service refused for its image (Docker Hub without a cache) still has its wrong-Region secret reported", () => {
    const config = platform({ web: { image: "nginx:1.27.3", desiredCount: 1, secrets: { DB: WEST_SECRET } } }, {}, { accounts: { main: { id: ACCOUNT } } });
    expect(lines(config, arnRegion)).toEqual([
      "error prod environments.prod.services.web.secrets.DB: is in us-west-2, but prod runs in us-east-1: tasks read it in their own Region; set this Region's value under environments.prod.regions.us-east-1.services.web.secrets.DB",
    ]);
  });

  test("a sidecar's secret of another Region is reported at the sidecar's path; the main container's own-Region one is not", () => {
    const config = platform({
      web: { image: OWN_IMAGE, desiredCount: 1, secrets: { OK: WEST_SECRET.replace("us-west-2", "us-east-1") }, sidecars: { proxy: { image: OWN_IMAGE, secrets: { TOKEN: WEST_SECRET } } } },
    });
    expect(lines(config, arnRegion)).toEqual([
      "error prod environments.prod.services.web.sidecars.proxy.secrets.TOKEN: is in us-west-2, but prod runs in us-east-1: tasks read it in their own Region; set this Region's value under environments.prod.regions.us-east-1.services.web.sidecars.proxy.secrets.TOKEN",
    ]);
  });

  test("no lifecycle hooks, nothing to judge", () => {
    expect(lines(platform({ web: { image: OWN_IMAGE, desiredCount: 1 } }), lifecycleHookRegion)).toEqual([]);
  });
});
