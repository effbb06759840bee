/**
 * ARM64 on Fargate Spot: the ECS API reference (CapacityProviderStrategyItem) allows it from platform
 * version 1.4.0, while the developer guide's Fargate capacity provider page still says no
 * (docs/aws-facts.md, "ECS"). pullguard follows the API reference and refuses only older versions.
 */
import { parseConfig } from "../../config/load";
import type { PlatformConfigInput } from "../../config/schema";
import { spotRunsArm64 } from "../../config/service-checks";
import { SERVICE_ACCOUNT, singleEnvironment } from "../helpers/service-config";

const IMAGE = `${SERVICE_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0`;

function problems(config: PlatformConfigInput): string[] {
  const result = parseConfig(config);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

function armOnSpot(platformVersion?: string): PlatformConfigInput {
  return singleEnvironment({
    api: {
      image: IMAGE,
      desiredCount: 2,
      runtimePlatform: { cpuArchitecture: "ARM64" },
      capacityProviderStrategy: [{ provider: "FARGATE", base: 1, weight: 1 }, { provider: "FARGATE_SPOT", weight: 3 }],
      ...(platformVersion !== undefined ? { platformVersion } : {}),
    },
  });
}

describe("ARM64 tasks on FARGATE_SPOT", () => {
  test.each([undefined, "LATEST", "1.4.0", "1.5.0", "2.0.0"])("are accepted on platform version %s", (version) => {
    expect(problems(armOnSpot(version))).toEqual([]);
  });

  test.each(["1.3.0", "1.0.0", "0.9.9"])("are refused on platform version %s, by path", (version) => {
    expect(problems(armOnSpot(version))).toEqual([
      `environments.prod.services.api.capacityProviderStrategy[1].provider: FARGATE_SPOT runs ARM64 tasks on platform version 1.4.0 or later, not ${version}; use FARGATE or platformVersion 1.4.0 or LATEST`,
    ]);
  });

  test("X86_64 tasks on Spot are accepted on any platform version", () => {
    const config = singleEnvironment({
      api: { image: IMAGE, desiredCount: 2, platformVersion: "1.3.0", capacityProviderStrategy: [{ provider: "FARGATE_SPOT", weight: 1 }] },
    });
    expect(problems(config)).toEqual([]);
  });

  test("the version comparison is numeric per part, not textual", () => {
    expect(spotRunsArm64("1.10.0")).toBe(true);
    expect(spotRunsArm64("1.3.10")).toBe(false);
    expect(spotRunsArm64("10.0.0")).toBe(true);
  });
});
