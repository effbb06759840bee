/**
 * `npm run diagnose -- --live`: reads the same evidence the offline path reads from files, from
 * AWS, with read-only calls only (ECS DescribeServices, ListTasks, DescribeTasks; CloudTrail
 * LookupEvents; CloudWatch GetMetricData) and the default credential chain (the AWS CLI's: env,
 * profile, SSO, instance role). The SDK is loaded here only: core/ and the synth path never import it.
 */
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandOutput } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand } from "@aws-sdk/client-ecs";
import { readDocument } from "../../core/diagnose";
import type { ServiceLink } from "../../core/diagnose/plan-link";
import type { Evidence } from "../../core/diagnose/types";

const ECR_APIS = ["GetAuthorizationToken", "BatchGetImage", "GetDownloadUrlForLayer"] as const;
/** LookupEvents allows 2 calls per second per account and Region: a few pages are enough for one rollout. */
const MAX_TRAIL_PAGES = 10;
/** DescribeTasks takes at most 100 tasks per call. */
const DESCRIBE_TASKS_BATCH = 100;
const MAX_STOPPED_TASKS = 300;
const METRICS_INSIGHTS_WINDOW_MS = 3 * 3600 * 1000;

export interface LiveClients {
  readonly ecs: ECSClient;
  readonly cloudtrail: CloudTrailClient;
  readonly cloudwatch: CloudWatchClient;
}

export interface LiveRequest {
  readonly link: ServiceLink;
  readonly service: string;
  readonly start: Date;
  readonly end: Date;
  /** Injected in tests; by default one client of each per Region, default credential chain. */
  readonly clients?: LiveClients;
}

export interface LiveResult {
  readonly evidence: Evidence[];
  readonly inputs: string[];
}

function read(doc: unknown, origin: string, into: LiveResult): void {
  const result = readDocument(doc, origin);
  if (result.ok) into.evidence.push(...result.evidence);
  into.inputs.push(origin);
}

export async function collectLive(request: LiveRequest): Promise<LiveResult> {
  const { link, service, start, end } = request;
  const region = link.region;
  const clients = request.clients ?? { ecs: new ECSClient({ region }), cloudtrail: new CloudTrailClient({ region }), cloudwatch: new CloudWatchClient({ region }) };
  const result: LiveResult = { evidence: [], inputs: [] };
  const where = `${link.clusterName}/${service} in ${region}`;

  const services = await clients.ecs.send(new DescribeServicesCommand({ cluster: link.clusterName, services: [service] }));
  read({ services: services.services ?? [] }, `live:DescribeServices ${where}`, result);

  const taskArns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.ecs.send(new ListTasksCommand({ cluster: link.clusterName, serviceName: service, desiredStatus: "STOPPED", ...(nextToken ? { nextToken } : {}) }));
    taskArns.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken && taskArns.length < MAX_STOPPED_TASKS);
  const tasks: unknown[] = [];
  for (let i = 0; i < taskArns.length; i += DESCRIBE_TASKS_BATCH) {
    const page = await clients.ecs.send(new DescribeTasksCommand({ cluster: link.clusterName, tasks: taskArns.slice(i, i + DESCRIBE_TASKS_BATCH) }));
    tasks.push(...(page.tasks ?? []));
  }
  read({ tasks }, `live:DescribeTasks ${where}`, result);

  const events: NonNullable<LookupEventsCommandOutput["Events"]> = [];
  let trailToken: string | undefined;
  for (let page = 0; page < MAX_TRAIL_PAGES; page++) {
    const out = await clients.cloudtrail.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "ecr.amazonaws.com" }],
        StartTime: start,
        EndTime: end,
        MaxResults: 50,
        ...(trailToken ? { NextToken: trailToken } : {}),
      }),
    );
    events.push(...(out.Events ?? []));
    trailToken = out.NextToken;
    if (!trailToken) break;
  }
  read({ Events: events }, `live:LookupEvents ecr.amazonaws.com in ${region}`, result);

  // Metrics Insights matches the metric whatever its dimension set (aws-facts: ECR may or may not
  // publish Class). GetMetricData takes one Insights query per call and sees only the last 3 hours
  // (GetMetricData API reference), so one call per API over at most those 3 hours.
  const metricsStart = new Date(Math.max(start.getTime(), end.getTime() - METRICS_INSIGHTS_WINDOW_MS));
  const results: unknown[] = [];
  for (const [i, api] of ECR_APIS.entries()) {
    const out = await clients.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: metricsStart,
        EndTime: end,
        MetricDataQueries: [{ Id: `m${i}`, Label: api, Period: 60, Expression: `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = '${api}'` }],
      }),
    );
    results.push(...(out.MetricDataResults ?? []));
  }
  read({ MetricDataResults: results }, `live:GetMetricData AWS/Usage in ${region}`, result);
  return result;
}
