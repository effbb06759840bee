import { containerDefinition } from "./container-definition";
import { imageString } from "../images/images";
import type { ContainerPlan } from "../model/plan-types";
import type { TaskDefinitionPart, TaskDefinitionSize } from "../model/service-types";

export type { TaskDefinitionPart, TaskDefinitionSize } from "../model/service-types";

/**
 * ECS's 64 KiB task definition limit, measured on the container definitions exactly as
 * modules/ecs-service.ts renders them (the same `containerDefinition`), so whatever field grows the
 * task definition (environment, command, entryPoint, healthCheck, sidecars, ...) counts.
 */

/** RegisterTaskDefinition refuses a task definition over 64 KiB (docs/aws-facts.md). */
export const TASK_DEFINITION_MAX_BYTES = 64 * 1024;

/**
 * The task-level fields around the container definitions (family, cpu, memory, role ARNs, network
 * mode, runtime platform): a few hundred bytes, counted as 1 KiB so the bound errs on the safe side.
 */
export const TASK_LEVEL_ALLOWANCE_BYTES = 1024;

/** The tag variable's validation accepts Docker tags up to 128 characters: measured at the longest. */
const LONGEST_TAG = "t".repeat(128);

/** The container definitions as the task definition renders them (the tag variable at its longest). */
export function renderedContainerDefinitions(containers: readonly ContainerPlan[], logGroup: string, region: string) {
  return containers.map((c) => containerDefinition(c, imageString(c.image, c.tagVariable ? LONGEST_TAG : undefined), logGroup, region));
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

export function taskDefinitionSize(containers: readonly ContainerPlan[], logGroup: string, region: string): TaskDefinitionSize {
  const definitions = renderedContainerDefinitions(containers, logGroup, region);
  let largest: TaskDefinitionPart = { container: containers[0]?.name ?? "", field: "name", bytes: 0 };
  definitions.forEach((definition, i) => {
    for (const [field, value] of Object.entries(definition)) {
      const bytes = utf8Bytes(`${JSON.stringify(field)}:${JSON.stringify(value)}`);
      // First largest wins on a tie: containers and fields keep their rendered order.
      if (bytes > largest.bytes) largest = { container: containers[i]!.name, field, bytes };
    }
  });
  return { bytes: utf8Bytes(JSON.stringify(definitions)) + TASK_LEVEL_ALLOWANCE_BYTES, largest };
}

/** Rendered key -> the config field a user edits (the rest have the same name in config and JSON). */
const CONFIG_FIELD: Readonly<Record<string, string>> = { repositoryCredentials: "repositoryCredentialsArn", portMappings: "port" };

/**
 * The config path of a rendered field: the main container's fields sit on the service, a sidecar's
 * under sidecars.<name>. Name and log configuration follow from names, so they point at the container.
 */
export function taskDefinitionPartPath(servicePath: string, serviceName: string, part: TaskDefinitionPart): string {
  const container = part.container === serviceName ? servicePath : `${servicePath}.sidecars.${part.container}`;
  if (part.field === "name" || part.field === "logConfiguration") return container;
  return `${container}.${CONFIG_FIELD[part.field] ?? part.field}`;
}

/** The finding's sentence: the figures and the biggest part, never a value. */
export function taskDefinitionTooLarge(size: TaskDefinitionSize): string {
  return (
    `grows the task definition to ${size.bytes} bytes (container definitions as rendered + ${TASK_LEVEL_ALLOWANCE_BYTES} for the task's other fields); ` +
    `ECS allows ${TASK_DEFINITION_MAX_BYTES} (64 KiB). This field is its largest part (${size.largest.bytes} bytes of ${size.largest.container}'s ${size.largest.field}): ` +
    "move large values into the image, a file, or secrets"
  );
}
