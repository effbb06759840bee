import type { ContainerPlan } from "../model/plan-types";
import { byCodePoint } from "../sort";

function byName<T>(entries: [string, T][]): [string, T][] {
  return entries.sort(([a], [b]) => byCodePoint(a, b));
}

/**
 * One container definition, as literal JSON a reviewer reads in the task definition. Keys appear
 * only when set, so a container without the new settings renders exactly as before. One home:
 * modules/ecs-service.ts renders it and core/services/task-definition-size.ts measures it.
 */
export function containerDefinition(container: ContainerPlan, image: string, logGroup: string, region: string) {
  const s = container.settings;
  return {
    name: container.name,
    image,
    essential: container.essential,
    ...(s.command ? { command: [...s.command] } : {}),
    ...(s.entryPoint ? { entryPoint: [...s.entryPoint] } : {}),
    ...(s.workingDirectory ? { workingDirectory: s.workingDirectory } : {}),
    ...(s.user ? { user: s.user } : {}),
    ...(s.readonlyRootFilesystem ? { readonlyRootFilesystem: true } : {}),
    ...(s.stopTimeout !== undefined ? { stopTimeout: s.stopTimeout } : {}),
    ...(container.port !== undefined ? { portMappings: [{ containerPort: container.port, protocol: "tcp" }] } : {}),
    ...(s.healthCheck
      ? {
          healthCheck: {
            command: [...s.healthCheck.command],
            interval: s.healthCheck.intervalSeconds,
            timeout: s.healthCheck.timeoutSeconds,
            retries: s.healthCheck.retries,
            startPeriod: s.healthCheck.startPeriodSeconds,
          },
        }
      : {}),
    ...(Object.keys(s.dependsOn).length > 0 ? { dependsOn: Object.entries(s.dependsOn).map(([containerName, condition]) => ({ containerName, condition })) } : {}),
    ...(s.versionConsistency === "disabled" ? { versionConsistency: "disabled" } : {}),
    environment: byName(Object.entries(container.environment)).map(([name, value]) => ({ name, value })),
    secrets: byName(Object.entries(container.secrets)).map(([name, valueFrom]) => ({ name, valueFrom })),
    ...(container.repositoryCredentialsArn ? { repositoryCredentials: { credentialsParameter: container.repositoryCredentialsArn } } : {}),
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": logGroup, "awslogs-region": region, "awslogs-stream-prefix": container.name },
    },
  };
}
