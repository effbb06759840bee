import { clusterOfArn, regionOfArn } from "../arns";
import type { Evidence } from "../types";
import { isoTime, isRecord, str } from "./tolerant-json";

/** `aws ecs describe-services` output, or its `services[].events` array alone (`--query`). */
export function isDescribeServices(doc: unknown): boolean {
  if (isRecord(doc) && Array.isArray(doc.services)) return doc.services.length === 0 || doc.services.some((s) => isRecord(s) && ("serviceName" in s || "events" in s));
  return Array.isArray(doc) && doc.length > 0 && doc.every((e) => isRecord(e) && typeof e.message === "string" && "createdAt" in e);
}

/** "(service orders) has started 18 tasks: (task 1a2b...) ..." (ECS service event messages, AWS ECS developer guide). */
const SERVICE_NAME = /^\(service ([^)\s]+)\)/;
const STARTED = /\bhas started (\d+) tasks?:/;
const TASK_ID = /\(task ([0-9a-f]{32}|[0-9a-f-]{36})\)/;

export function readServiceEvents(doc: unknown, origin: string): Evidence[] {
  const out: Evidence[] = [];
  const services: unknown[] = isRecord(doc) && Array.isArray(doc.services) ? doc.services : [{ events: doc }];
  for (const service of services) {
    if (!isRecord(service) || !Array.isArray(service.events)) continue;
    const declared = str(service.serviceName);
    const region = regionOfArn(str(service.serviceArn) ?? str(service.clusterArn));
    const cluster = clusterOfArn(str(service.clusterArn)) ?? clusterOfArn(str(service.serviceArn));
    for (const event of service.events) {
      if (!isRecord(event)) continue;
      const message = str(event.message);
      if (!message) continue;
      const started = STARTED.exec(message);
      const task = TASK_ID.exec(message);
      out.push({
        source: "service-event",
        origin,
        text: message,
        ...optional("time", isoTime(event.createdAt)),
        ...optional("service", declared ?? SERVICE_NAME.exec(message)?.[1]),
        ...optional("region", region),
        ...optional("cluster", cluster),
        ...optional("taskArn", task?.[1]),
        ...(started ? { startedTasks: Number(started[1]) } : {}),
      });
    }
  }
  return out;
}

export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
