import { instanceArchitecture, type CpuArchitecture } from "../../facts/ec2-architecture";
import type { ServiceConfig } from "../../config/schema";
import type { LocationContext } from "../model/location-context";

/**
 * A task's CPU architecture: the config's, else the architecture of the capacity it runs on. EC2
 * tasks run only on the environment's container instances, whose instance types share one
 * architecture (a mix is refused), so that is the only one that can run there; Fargate's default is
 * X86_64, as ECS's is. The config does not default it because the capacity (this Region's instance
 * type) is known only here. An explicit value that cannot run there stays PG-EC2-ARCHITECTURE.
 */
export function taskArchitecture(service: Pick<ServiceConfig, "launchType" | "runtimePlatform">, ctx: Pick<LocationContext, "env">): CpuArchitecture {
  const written = service.runtimePlatform.cpuArchitecture;
  if (written !== undefined) return written;
  return service.launchType === "EC2" ? instanceArchitecture(ctx.env.ec2Capacity.instanceType) : "X86_64";
}
