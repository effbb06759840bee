import { parseConfig } from "../../config/load";
import type { PlatformConfigInput } from "../../config/schema";
import { planPlatform } from "../../core/plan";
import type { PlatformPlan } from "../../core/model/plan-types";

export type ServiceInput = NonNullable<PlatformConfigInput["environments"][string]["services"]>[string];
export type EnvironmentInput = PlatformConfigInput["environments"][string];

/** The account the service tests use. */
export const SERVICE_ACCOUNT = "111111111111";

/** One account, one environment `prod` in us-east-1 with a private VPC, and the given services. */
export function singleEnvironment(services: Record<string, ServiceInput>, env: Partial<EnvironmentInput> = {}): PlatformConfigInput {
  return {
    accounts: { main: { id: SERVICE_ACCOUNT } },
    environments: {
      prod: {
        account: "main",
        regions: { "us-east-1": { vpc: { id: "vpc-0a1b2c3d", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-0a1b2c3d"], privateRouteTableIds: ["rtb-0a1b2c3d"] } } },
        services,
        ...env,
      },
    },
  };
}

/** Plans a config that must be valid (its shape; findings are the test's business). */
export function planValid(config: PlatformConfigInput): PlatformPlan {
  const result = parseConfig(config);
  if (!result.ok) throw new Error(`config should be valid:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  return planPlatform(result.config);
}
