import type { PlatformConfig, PlatformConfigInput } from "../../../config/schema";
import { quotasFor, quotasPerRegion } from "../../../core/plan/support";
import { parsedConfig, TEST_VPC as VPC } from "../../helpers/plan-steps";


function parsed(pullBudget: PlatformConfigInput["pullBudget"]): PlatformConfig {
  return parsedConfig({ accounts: { main: { id: "111111111111" } }, environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} } }, pullBudget });
}

describe("quotasFor", () => {
  test("without overrides, a Region has ECR's default quotas (aws-facts.md) and nothing overridden", () => {
    expect(quotasFor(parsed({}), "us-east-1")).toEqual({
      quotas: {
        GetAuthorizationToken: { rate: 500, quotaCode: "L-55A41110" },
        BatchGetImage: { rate: 2000, quotaCode: "L-16E70933" },
        GetDownloadUrlForLayer: { rate: 3000, quotaCode: "L-A60A366D" },
        BatchCheckLayerAvailability: { rate: 1000, quotaCode: "L-B9173138" },
      },
      overridden: [],
    });
  });

  test("an override replaces its API's rate (and burst) in its Region only, keeping the quota code", () => {
    const config = parsed({ ecrQuotas: { "us-west-2": { BatchGetImage: { rate: 4000, burst: 6000 }, GetAuthorizationToken: { rate: 800 } } } });
    const west = quotasFor(config, "us-west-2");
    expect(west.quotas.BatchGetImage).toEqual({ rate: 4000, burst: 6000, quotaCode: "L-16E70933" });
    expect(west.quotas.GetAuthorizationToken).toEqual({ rate: 800, quotaCode: "L-55A41110" });
    expect(west.quotas.GetDownloadUrlForLayer).toEqual({ rate: 3000, quotaCode: "L-A60A366D" });
    // In ECR_APIS order, not the config's.
    expect(west.overridden).toEqual(["GetAuthorizationToken", "BatchGetImage"]);
    expect(quotasFor(config, "us-east-1").quotas.BatchGetImage).toEqual({ rate: 2000, quotaCode: "L-16E70933" });
  });
});

describe("quotasPerRegion", () => {
  test("works a Region out once: every planner asking for it gets the same figures, each Region its own", () => {
    const quotasIn = quotasPerRegion(parsed({ ecrQuotas: { "us-west-2": { BatchGetImage: { rate: 4000 } } } }));
    const west = quotasIn("us-west-2");
    expect(quotasIn("us-west-2")).toBe(west);
    expect(west.quotas.BatchGetImage).toEqual({ rate: 4000, quotaCode: "L-16E70933" });
    expect(west.overridden).toEqual(["BatchGetImage"]);
    expect(quotasIn("us-east-1").quotas.BatchGetImage).toEqual({ rate: 2000, quotaCode: "L-16E70933" });
    expect(quotasIn("us-east-1").overridden).toEqual([]);
  });
});
