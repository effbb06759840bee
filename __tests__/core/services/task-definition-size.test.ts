import { parseConfig } from "../../../config/load";
import { planErrors } from "../../helpers/config-cases";
import type { PlatformConfigInput } from "../../../config/schema";
import { planPlatform } from "../../../core/plan";
import { renderedContainerDefinitions } from "../../../core/services/task-definition-size";

/**
 * ECS's 64 KiB task definition limit on the rendered container definitions, whatever field grows
 * them (issue 19 item 5). Every figure below is counted by hand from the skeleton.
 */
const A = "111111111111";
const VPC = { id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-0123456789abcdef0"], privateRouteTableIds: ["rtb-0123456789abcdef0"] };
const WEB = "environments.prod.services.web";
type Service = NonNullable<PlatformConfigInput["environments"][string]["services"]>[string];

function config(service: Partial<Service>): PlatformConfigInput {
  return {
    accounts: { main: { id: A, registry: { pullThroughCache: { ecrPublic: true } } } },
    environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { web: { image: "public.ecr.aws/nginx/nginx:1.27.3", desiredCount: 2, ...service } } } },
  };
}

function errors(input: PlatformConfigInput): string[] {
  return planErrors(input).map((f) => `${f.path}: ${f.message}`);
}

/** The 304-byte skeleton: the web service with nothing optional, exactly as rendered. */
const SKELETON =
  '[{"name":"web","image":"111111111111.dkr.ecr.us-east-1.amazonaws.com/ecr-public/nginx/nginx:1.27.3","essential":true,"environment":[],"secrets":[],' +
  '"logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/pullguard/prod/web","awslogs-region":"us-east-1","awslogs-stream-prefix":"web"}}}]';

function refusal(path: string, total: number, largest: number, container: string, field: string): string {
  return (
    `${path}: grows the task definition to ${total} bytes (container definitions as rendered + 1024 for the task's other fields); ` +
    `ECS allows 65536 (64 KiB). This field is its largest part (${largest} bytes of ${container}'s ${field}): move large values into the image, a file, or secrets`
  );
}

test("the measured JSON is the rendered one: the skeleton is 304 bytes", () => {
  expect(SKELETON.length).toBe(304);
  const result = parseConfig(config({}));
  if (!result.ok) throw new Error("the base config must parse");
  const service = planPlatform(result.config).environments[0]!.services[0]!;
  expect(JSON.stringify(renderedContainerDefinitions(service.containers, service.logGroupName, "us-east-1"))).toBe(SKELETON);
  // The plan records the size the rule judges: 304 + 1,024, and the 155-byte "logConfiguration":{...} as the largest part.
  expect(service.taskDefinitionSize).toEqual({ bytes: 1_328, largest: { container: "web", field: "logConfiguration", bytes: 155 } });
});

describe("at and just over 65,536 bytes", () => {
  // "command":["<n>"], adds 15 + n: 304 + 15 + n + 1,024 = 1,343 + n.
  test("a task definition of exactly 65,536 counted bytes passes (command of 64,193 characters)", () => {
    expect(errors(config({ command: ["x".repeat(64_193)] }))).toEqual([]);
  });

  test("65,537 is refused at the command (\"command\":[\"<64,194>\"] is 10 + 4 + 64,194 = 64,208 bytes)", () => {
    expect(errors(config({ command: ["x".repeat(64_194)] }))).toEqual([refusal(`${WEB}.command`, 65_537, 64_208, "web", "command")]);
  });
});

describe("each field is refused at its own path (70,000 characters)", () => {
  const big = "x".repeat(70_000);

  test("command: 1,343 + 70,000 = 71,343; the part is 10 + 4 + 70,000", () => {
    expect(errors(config({ command: [big] }))).toEqual([refusal(`${WEB}.command`, 71_343, 70_014, "web", "command")]);
  });

  test("entryPoint: \"entryPoint\":[\"\"], is 18, so 304 + 18 + 70,000 + 1,024 = 71,346; the part is 13 + 4 + 70,000", () => {
    expect(errors(config({ entryPoint: [big] }))).toEqual([refusal(`${WEB}.entryPoint`, 71_346, 70_017, "web", "entryPoint")]);
  });

  test("healthCheck: its block is 96 + 70,000, with a comma 304 + 97 + 70,000 + 1,024 = 71,425", () => {
    // "healthCheck":{"command":["CMD-SHELL",""],"interval":30,"timeout":5,"retries":3,"startPeriod":0} is 96 characters.
    expect(errors(config({ healthCheck: { command: ["CMD-SHELL", big] } }))).toEqual([refusal(`${WEB}.healthCheck`, 71_425, 70_096, "web", "healthCheck")]);
  });

  test('workingDirectory: "workingDirectory":"", is 22, so with "/" + 70,000 characters 304 + 22 + 70,001 + 1,024 = 71,351', () => {
    expect(errors(config({ workingDirectory: `/${big}` }))).toEqual([refusal(`${WEB}.workingDirectory`, 71_351, 70_022, "web", "workingDirectory")]);
  });

  test("a sidecar's command: its object is 302 + 2 x 2 (proxy for web) + 1 (false) = 307, + 15 + 70,000", () => {
    // [main, sidecar]: 304 + 1 comma + 307 + 15 + 70,000 + 1,024 = 71,651.
    const sidecars = { proxy: { image: "public.ecr.aws/nginx/nginx:1.27.3", command: [big] } };
    expect(errors(config({ sidecars }))).toEqual([refusal(`${WEB}.sidecars.proxy.command`, 71_651, 70_014, "proxy", "command")]);
  });

  test("hostile: the message names figures, never the value", () => {
    const line = errors(config({ command: ["AKIA" + "x".repeat(70_000)] })).join("\n");
    expect(line.length).toBeLessThan(400);
    expect(line).not.toContain("xxxx");
  });
});
