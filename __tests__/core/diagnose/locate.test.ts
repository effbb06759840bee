/**
 * Issues 23 and 24: a 403 from the cache's own registry, the environment read from the cluster,
 * evidence about a service the config lacks, and the AWS Support runbook command. Expected values
 * are read off the configs by hand: the classic fixture (prod in us-east-1, billing pulls
 * bitnami/redis through the Docker Hub cache, no template tags) and the embedded config (orders in
 * dev, staging and prod; prod in us-east-1 and us-west-2; clusters pullguard--<env>).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig, parseConfigText } from "../../../config/load";
import { platform } from "../../../config/platform";
import { classify, diagnose, formatMarkdown, formatText, linkPlan, type Evidence } from "../../../core/diagnose";
import { planPlatform } from "../../../core/plan";

const classic = parseConfigText(readFileSync(join(__dirname, "..", "..", "fixtures", "diagnose", "classic", "platform.yaml"), "utf8"), "platform.yaml");
const embedded = parseConfig(platform);
if (!classic.ok || !embedded.ok) throw new Error("fixture configs must be valid");
const classicLink = linkPlan(planPlatform(classic.config));
const embeddedLink = linkPlan(planPlatform(embedded.config));

const ID = "0123456789abcdef0123456789abcdef";
const stopped = (service: string, cluster: string, text: string, time = "2026-03-04T14:00:00Z", id = ID): Evidence => ({
  source: "stopped-task",
  origin: "tasks.json",
  service,
  time,
  taskArn: `arn:aws:ecs:us-east-1:111111111111:task/${cluster}/${id}`,
  region: "us-east-1",
  cluster,
  text,
});
const NO_ROUTE = 'CannotPullContainerError: failed to do request: Head "https://111111111111.dkr.ecr.us-east-1.amazonaws.com/v2/orders/manifests/3f9c2d1": dial tcp 10.30.0.5:443: i/o timeout';
const UNKNOWN = "CannotStartContainerError: failed to get container status: unknown";

describe("a 403 from the cache's own registry host", () => {
  const cached = "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref 111111111111.dkr.ecr.us-east-1.amazonaws.com/docker-hub/bitnami/redis:7.2: unexpected status from HEAD request to https://111111111111.dkr.ecr.us-east-1.amazonaws.com/v2/docker-hub/bitnami/redis/manifests/7.2: 403 Forbidden";

  test("the issue's message is the cache cause, with the repository and its prefix", () => {
    const c = classify({ source: "stopped-task", origin: "t", text: "CannotPullContainerError: pull image manifest has been retried 1 time(s): 123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/redis:7: 403 Forbidden" });
    expect(c.kind === "cause" && [c.rule.id, c.detail]).toEqual(["ptc-forbidden", { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/redis:7", repository: "docker-hub/library/redis", cachePrefix: "docker-hub" }]);
  });

  test("a plain repository is not the cache", () => {
    const c = classify({ source: "stopped-task", origin: "t", text: "failed to resolve ref 222222222222.dkr.ecr.us-east-1.amazonaws.com/shared/payments:1.2.0: unexpected status from HEAD request to https://222222222222.dkr.ecr.us-east-1.amazonaws.com/v2/shared/payments/manifests/1.2.0: 403 Forbidden" });
    expect(c.kind === "cause" && [c.rule.id, c.detail.repository, c.detail.cachePrefix]).toEqual(["ecr-forbidden", "shared/payments", undefined]);
  });

  test("three fixes in order, each naming its config path", () => {
    const cause = diagnose([stopped("billing", "prod", cached)], { link: classicLink }).windows[0].causes[0];
    expect([cause.id, cause.fix, cause.alternatives]).toEqual([
      "ptc-forbidden",
      {
        configPath: "environments.prod.services.billing",
        change: "execution role pullguard--prod--billing-exec allows ecr:BatchImportUpstreamImage and ecr:CreateRepository on arn:aws:ecr:us-east-1:111111111111:repository/docker-hub/bitnami/redis",
        explanation: "the first pull of an image the cache has never stored imports it, which needs ecr:BatchImportUpstreamImage, and ecr:CreateRepository while its repository does not exist; the role this config generates grants both: apply the environment stack",
        status: "fixed",
      },
      [
        {
          configPath: "accounts.main.registry.pullThroughCache.dockerHub.credential",
          change: `aws secretsmanager put-secret-value --secret-id ecr-pullthroughcache/docker-hub --secret-string '{"username":"...","accessToken":"..."}'`,
          explanation: "ECR signs in to Docker Hub with the rule's secret when it imports the image; a missing, empty or wrong secret fails the import",
          status: "unknown",
        },
        {
          configPath: "accounts.main.registry.repositoryTemplates",
          change: "no template role (no resourceTags, AES256 encryption)",
          explanation: "this config's templates need no role; a role set outside pullguard on the docker-hub/ template that ECR cannot assume fails the first pull",
          status: "unknown",
        },
      ],
    ]);
  });

  test("with template tags the config creates the template role, and the fix names it", () => {
    const text = cached.replace(/docker-hub\/bitnami\/redis/g, "quay/prometheus/node-exporter").replace(/7\.2/g, "v1.8.2");
    const cause = diagnose([stopped("metrics", "prod", text)], { link: embeddedLink, environment: "prod" }).windows[0].causes[0];
    // Quay needs no credential: the second fix is the template's role.
    expect(cause.alternatives?.map((f) => [f.configPath, f.change])).toEqual([["accounts.main.registry.repositoryTemplates", "role pullguard--ecr-templates-us-east-1 (ECR assumes it to tag or encrypt the repositories it creates)"]]);
  });

  test("a prefix of the config's own (an ECR-to-ECR or Azure rule) makes a plain-looking path a cache path", () => {
    const text = "failed to resolve ref 111111111111.dkr.ecr.us-east-1.amazonaws.com/mirror/base/alpine:3.20: 403 Forbidden";
    expect(diagnose([stopped("billing", "prod", text)]).windows[0].causes[0].id).toBe("ecr-forbidden");
    const withMirror = { ...classicLink, locations: classicLink.locations.map((l) => ({ ...l, cachePrefixes: [...l.cachePrefixes, "mirror"] })) };
    const cause = diagnose([stopped("billing", "prod", text)], { link: withMirror }).windows[0].causes[0];
    expect([cause.id, cause.detail.cachePrefix]).toEqual(["ptc-forbidden", "mirror"]);
  });

  test("text output lists the alternatives as 'or:' lines", () => {
    const text = formatText(diagnose([stopped("billing", "prod", cached)], { link: classicLink }));
    expect(text).toContain("\n    or:  accounts.main.registry.pullThroughCache.dockerHub.credential: aws secretsmanager put-secret-value --secret-id ecr-pullthroughcache/docker-hub");
    expect(text).toContain("\n    or:  accounts.main.registry.repositoryTemplates: no template role (no resourceTags, AES256 encryption)\n");
  });
});

describe("the environment from the cluster in the evidence", () => {
  test("cluster/prod links orders to prod in the task's Region, without --environment", () => {
    const w = diagnose([stopped("orders", "prod", NO_ROUTE)], { link: embeddedLink }).windows[0];
    expect([w.notes, w.causes[0].fix?.configPath, w.causes[0].fix?.status]).toEqual([["environment prod from cluster prod in the evidence"], "environments.prod.endpoints", "fixed"]);
  });

  test("pullguard's own cluster name for an environment works too", () => {
    const w = diagnose([stopped("orders", "pullguard--staging", NO_ROUTE)], { link: embeddedLink }).windows[0];
    expect([w.notes, w.causes[0].fix?.configPath]).toEqual([["environment staging from cluster pullguard--staging in the evidence"], "environments.staging.endpoints"]);
  });

  test("an existingClusterName the config adopts names its environment", () => {
    const yaml = readFileSync(join(__dirname, "..", "..", "fixtures", "diagnose", "classic", "platform.yaml"), "utf8")
      .replace("  prod:\n    account: main\n", "  prod:\n    account: main\n    existingClusterName: legacy-ecs\n")
      .replace("backend:", "  staging:\n    account: main\n    regions:\n      us-east-1:\n        vpc:\n          id: vpc-0e1b2c3d4e5f60718\n          cidr: 10.50.0.0/16\n          privateSubnetIds: [subnet-0e1b2c3d4e5f60711]\n          privateRouteTableIds: [rtb-0e1b2c3d4e5f60711]\n    services:\n      orders:\n        image: 111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:3f9c2d1\n        port: 8080\n        desiredCount: 2\nbackend:");
    const loaded = parseConfigText(yaml, "platform.yaml");
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.path}: ${p.message}`).join("; "));
    const w = diagnose([stopped("orders", "legacy-ecs", NO_ROUTE)], { link: linkPlan(planPlatform(loaded.config)) }).windows[0];
    expect([w.notes, w.causes[0].fix?.configPath]).toEqual([["environment prod from cluster legacy-ecs in the evidence"], "environments.prod.endpoints"]);
  });

  test("clusters of two environments: said, not guessed", () => {
    const w = diagnose([stopped("orders", "prod", NO_ROUTE), stopped("orders", "staging", NO_ROUTE, "2026-03-04T14:01:00Z", "1123456789abcdef0123456789abcdef")], { link: embeddedLink }).windows[0];
    expect([w.notes, w.causes[0].fix]).toEqual([["the evidence names clusters prod and staging, which match environments prod and staging: pass --environment to link the fixes"], undefined]);
  });

  test("a cluster that is an environment without that service", () => {
    const w = diagnose([stopped("storefront", "prod", NO_ROUTE)], { link: embeddedLink }).windows[0];
    expect([w.notes, w.causes[0].fix]).toEqual([["cluster prod is environment prod, which has no service storefront: its causes are shown without a fix"], undefined]);
  });

  test("no cluster and several environments: a note asks for --environment", () => {
    const e: Evidence = { source: "stopped-task", origin: "t", service: "orders", time: "2026-03-04T14:00:00Z", text: NO_ROUTE };
    expect(diagnose([e], { link: embeddedLink }).windows[0].notes).toEqual(["service orders is in environments dev, prod and staging and the evidence names no cluster of one: pass --environment to link the fixes"]);
  });
});

describe("a service the config does not have", () => {
  test("a note names the service and the cluster; the evidence stays", () => {
    const w = diagnose([stopped("payments", "prod", NO_ROUTE)], { link: embeddedLink }).windows[0];
    expect([w.service, w.notes, w.causes.map((c) => [c.id, c.tasks, c.fix])]).toEqual([
      "payments",
      ["service payments (cluster prod) is not in the config: its causes are shown without a fix"],
      [["network-no-route-ecr", 1, undefined]],
    ]);
  });
});

describe("the AWSSupport-TroubleshootECSTaskFailedToStart runbook", () => {
  test("for an unclassified line: the cluster, the most recent failed task and the Region from the evidence", () => {
    const w = diagnose([stopped("payments", "prod", UNKNOWN, "2026-03-04T14:00:00Z"), stopped("payments", "prod", UNKNOWN, "2026-03-04T14:02:20Z", "fedcba9876543210fedcba9876543210")], { link: embeddedLink }).windows[0];
    expect(w.runbook).toEqual({
      command: "aws ssm start-automation-execution --document-name AWSSupport-TroubleshootECSTaskFailedToStart --parameters ClusterName=prod,TaskId=fedcba9876543210fedcba9876543210 --region us-east-1",
      notes: [
        "for 2 lines no rule recognises: the runbook checks the task's path to its registry, the execution role's permissions, VPC endpoints, security groups and secrets references",
        "ECS shows a stopped task for at least an hour after it stops, then forgets it, and the runbook reads the task from ECS: task fedcba9876543210fedcba9876543210's last evidence is at 14:02:20 UTC, so run it before about 15:02:20 UTC",
      ],
    });
  });

  test("for a network cause, printed at the end of the window", () => {
    const text = formatText(diagnose([stopped("orders", "prod", NO_ROUTE)], { link: embeddedLink }));
    expect(text.endsWith(
      "  runbook: aws ssm start-automation-execution --document-name AWSSupport-TroubleshootECSTaskFailedToStart --parameters ClusterName=prod,TaskId=0123456789abcdef0123456789abcdef --region us-east-1\n" +
        "           for evidence that points at the network: the runbook checks the task's path to its registry, the execution role's permissions, VPC endpoints, security groups and secrets references\n" +
        "           ECS shows a stopped task for at least an hour after it stops, then forgets it, and the runbook reads the task from ECS: task 0123456789abcdef0123456789abcdef's last evidence is at 14:00:00 UTC, so run it before about 15:00:00 UTC\n",
    )).toBe(true);
  });

  test("Markdown: the note as a quote, the runbook as a shell block", () => {
    const md = formatMarkdown(diagnose([stopped("payments", "prod", NO_ROUTE)], { link: embeddedLink }));
    expect(md).toContain("\n> note: service payments (cluster prod) is not in the config: its causes are shown without a fix\n");
    expect(md).toContain("\n### Runbook\n\n```sh\naws ssm start-automation-execution --document-name AWSSupport-TroubleshootECSTaskFailedToStart --parameters ClusterName=prod,TaskId=0123456789abcdef0123456789abcdef --region us-east-1\n```\n");
  });

  test("no task id in the evidence: a placeholder and what to fill in, never an invented id", () => {
    const e: Evidence = { source: "service-event", origin: "services.json", service: "orders", time: "2026-03-04T14:00:00Z", text: "(service orders) failed: something nobody knows" };
    expect(diagnose([e]).windows[0].runbook).toEqual({
      command: "aws ssm start-automation-execution --document-name AWSSupport-TroubleshootECSTaskFailedToStart --parameters ClusterName=<cluster>,TaskId=<task-id>",
      notes: [
        "for 1 line no rule recognises: the runbook checks the task's path to its registry, the execution role's permissions, VPC endpoints, security groups and secrets references",
        "the evidence names no cluster: fill in ClusterName",
        "the evidence names no task id: fill in TaskId with the id of the most recent failed task (aws ecs list-tasks --cluster <cluster> --desired-status STOPPED)",
        "the evidence names no Region: add --region with the cluster's Region (the runbook runs in the task's Region)",
        "ECS shows a stopped task for at least an hour after it stops, then forgets it, and the runbook reads the task from ECS: run it soon after the failure",
      ],
    });
  });

  test("no task id but a linked service: the config's cluster and Region, said to be the config's", () => {
    const e: Evidence = { source: "service-event", origin: "services.json", service: "billing", time: "2026-03-04T14:00:00Z", text: "(service billing) failed: something nobody knows" };
    const r = diagnose([e], { link: classicLink }).windows[0].runbook;
    expect([r?.command, r?.notes[1]]).toEqual([
      "aws ssm start-automation-execution --document-name AWSSupport-TroubleshootECSTaskFailedToStart --parameters ClusterName=pullguard--prod,TaskId=<task-id> --region us-east-1",
      "ClusterName pullguard--prod is the config's cluster for this service; the evidence names none",
    ]);
  });

  test("throttling alone (the cause is known, not where the runbook looks) prints no runbook", () => {
    const w = diagnose([stopped("orders", "prod", "CannotPullContainerError: failed to resolve ref 111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:1: 429 Too Many Requests")]).windows[0];
    expect(w.runbook).toBeUndefined();
  });
});
