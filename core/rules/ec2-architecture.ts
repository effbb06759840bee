import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/** An image built for one architecture cannot run on instances of the other: the EC2 tasks must match the group's AMI. */
export const ec2Architecture: Rule = {
  definition: catalogue.ec2Architecture,
  check: ({ plan }) =>
    plan.environments.flatMap((env) => {
      const capacity = env.ec2Capacity;
      if (capacity === undefined) return [];
      return env.services
        .filter((s) => s.launchType === "EC2" && s.production.cpuArchitecture !== capacity.cpuArchitecture)
        .map((s) => ({
          stack: env.stackName,
          path: `${s.configPath}.runtimePlatform.cpuArchitecture`,
          message: `is ${s.production.cpuArchitecture}, but the environment's EC2 capacity (ec2Capacity.instanceType ${capacity.instanceType}) is ${capacity.cpuArchitecture}`,
        }));
    }),
};
