import type { PlatformConfigInput } from "../../../config/schema";
import { FindingLog } from "../../../core/model/findings";
import { planPlatform } from "../../../core/plan";
import { environmentEndpointIds, environmentInRegion, regionEc2Capacity } from "../../../core/locations/region-settings";
import { parsedConfig, TEST_VPC as VPC } from "../../helpers/plan-steps";

const EAST_SECRET = "arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf";
const WEST_SECRET = "arn:aws:secretsmanager:us-west-2:111111111111:secret:db-GhIjKl";
const EAST_KEY = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

type EnvironmentInput = PlatformConfigInput["environments"][string];

/** The findings about where a Region's values belong: raised while merging, or judged on the plan's Region-bound ARNs. */
const LOCATION_FINDINGS = new Set(["PG-REGION-OVERRIDE-UNKNOWN", "PG-ARN-REGION", "PG-TARGET-GROUP-LOCATION", "PG-LIFECYCLE-HOOK-REGION"]);

/** Parses one environment `prod` and returns it merged for `region`, with that Region's stack's findings once the whole config is planned. */
function inRegion(env: Omit<EnvironmentInput, "account">, region: string) {
  const config = parsedConfig({ accounts: { main: { id: "111111111111" } }, environments: { prod: { account: "main", ...env } } });
  const stack = Object.keys(env.regions).length > 1 ? `prod-${region}` : "prod";
  const merged = environmentInRegion("prod", config.environments.prod!, { account: "111111111111", region, stack }, new FindingLog());
  const findings = planPlatform(config)
    .findings.filter((f) => f.stack === stack && LOCATION_FINDINGS.has(f.rule))
    .map((f) => `${f.level} [${f.stack}] ${f.path}: ${f.message}`);
  return { merged, findings };
}

/** Parses one environment `prod` and returns it as the config declares it. */
function parsedEnvironment(env: Omit<EnvironmentInput, "account">) {
  return parsedConfig({ accounts: { main: { id: "111111111111" } }, environments: { prod: { account: "main", ...env } } }).environments.prod!;
}

describe("environmentInRegion: merging", () => {
  const env: Omit<EnvironmentInput, "account"> = {
    existingClusterName: "shared",
    endpoints: { logs: "off" },
    ec2Capacity: { minSize: 2, maxSize: 6, desiredCapacity: 3 },
    regions: {
      "us-east-1": { vpc: VPC },
      "us-west-2": {
        vpc: VPC,
        existingClusterName: "west",
        endpoints: { ecrApi: { existingId: "vpce-0a1b2c3d4e5f60718" } },
        ec2Capacity: { maxSize: 8 },
        services: { api: { desiredCount: 5, secrets: { DB: WEST_SECRET } } },
      },
    },
    services: { api: { image: "nginx:1.27.3", desiredCount: 2, secrets: { DB: EAST_SECRET, TOKEN: "arn:aws:ssm:us-east-1:111111111111:parameter/token" } } },
  };

  test("a Region without overrides is the environment as written", () => {
    const { merged, findings } = inRegion(env, "us-east-1");
    // Every ARN is us-east-1's, like the Region: nothing to report.
    expect(findings).toEqual([]);
    expect(merged.existingClusterName).toBe("shared");
    expect(merged.env.services.api!.desiredCount).toBe(2);
    expect(merged.env.endpoints.ecrApi).toBe("auto");
    expect(merged.env.endpoints.logs).toBe("off");
    expect([merged.env.ec2Capacity.minSize, merged.env.ec2Capacity.maxSize, merged.env.ec2Capacity.desiredCapacity]).toEqual([2, 6, 3]);
  });

  test("a Region's values win over the environment's, field by field and secret by secret", () => {
    const { merged, findings } = inRegion(env, "us-west-2");
    expect(merged.existingClusterName).toBe("west");
    expect(merged.env.services.api!.desiredCount).toBe(5);
    expect(merged.env.endpoints.ecrApi).toEqual({ existingId: "vpce-0a1b2c3d4e5f60718" });
    expect(merged.env.endpoints.logs).toBe("off");
    expect([merged.env.ec2Capacity.minSize, merged.env.ec2Capacity.maxSize, merged.env.ec2Capacity.desiredCapacity]).toEqual([2, 8, 3]);
    expect(merged.env.services.api!.secrets).toEqual({ DB: WEST_SECRET, TOKEN: "arn:aws:ssm:us-east-1:111111111111:parameter/token" });
    // TOKEN was not overridden: it is us-east-1's, reported at the environment's path with where to set it.
    expect(findings).toEqual([
      "error [prod-us-west-2] environments.prod.services.api.secrets.TOKEN: is in us-east-1, but prod-us-west-2 runs in us-west-2: tasks read it in their own Region; set this Region's value under environments.prod.regions.us-west-2.services.api.secrets.TOKEN",
    ]);
  });
});

describe("environmentInRegion: errors", () => {
  test("an existing endpoint id at the environment level is recorded for the rule, and merging says nothing of it", () => {
    const env = { endpoints: { s3: { existingId: "vpce-0a1b2c3d4e5f60718" } }, regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: VPC } }, services: {} };
    expect(inRegion(env, "us-east-1").findings).toEqual([]);
    // PG-ENDPOINT-ID-MULTI-REGION judges it on the plan: __tests__/rules/region-bound-settings.test.ts.
    expect(environmentEndpointIds(parsedEnvironment(env))).toEqual(["s3"]);
    expect(environmentEndpointIds(parsedEnvironment({ ...env, endpoints: { s3: "create", logs: "off" } }))).toEqual([]);
  });

  test("a Region override naming no service or no sidecar is an error; constructor is just a missing name", () => {
    const { findings } = inRegion(
      {
        regions: { "us-east-1": { vpc: VPC, services: { constructor: { desiredCount: 2 }, api: { sidecars: { toString: { secrets: { A: EAST_SECRET } } } } } } },
        services: { api: { image: "nginx:1.27.3", desiredCount: 1 } },
      },
      "us-east-1",
    );
    expect(findings).toEqual([
      "error [prod] environments.prod.regions.us-east-1.services.api.sidecars.toString: names no sidecar of environments.prod.services.api",
      "error [prod] environments.prod.regions.us-east-1.services.constructor: names no service of environments.prod (services: api)",
    ]);
  });

  test("a Region's capacity is merged over the environment's and recorded for the rule; without a Region's capacity nothing is", () => {
    const env = { ec2Capacity: { minSize: 3, maxSize: 6, desiredCapacity: 4 }, regions: { "us-east-1": { vpc: VPC, ec2Capacity: { maxSize: 2 } }, "us-west-2": { vpc: VPC } }, services: {} };
    expect(inRegion(env, "us-east-1").findings).toEqual([]);
    // PG-EC2-CAPACITY-SIZE judges the merged sizes on the plan: __tests__/rules/region-bound-settings.test.ts.
    expect(regionEc2Capacity(parsedEnvironment(env), "us-east-1")).toEqual({ minSize: 3, maxSize: 2, desiredCapacity: 4 });
    expect(regionEc2Capacity(parsedEnvironment(env), "us-west-2")).toBeUndefined();
  });

  test("a KMS key from another Region set in the Region is reported at the Region's path, with its index", () => {
    const { findings } = inRegion(
      { regions: { "us-west-2": { vpc: VPC, services: { api: { secretsKmsKeyArns: [EAST_KEY] } } } }, services: { api: { image: "nginx:1.27.3", desiredCount: 1 } } },
      "us-west-2",
    );
    expect(findings).toEqual(["error [prod] environments.prod.regions.us-west-2.services.api.secretsKmsKeyArns[0]: is in us-east-1, but prod runs in us-west-2: tasks read it in their own Region"]);
  });
});
