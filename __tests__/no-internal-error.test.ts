import { Testing } from "cdktf";
import { parseConfig, parseConfigText } from "../config/load";
import { platform } from "../config/platform";
import type { PlatformConfigInput } from "../config/schema";
import { planPlatform } from "../core/plan";
import { addPlatformStacks } from "../stacks/platform";
import { withoutTokenStackTraces } from "../app/lean-synth";

/**
 * Configs that used to reach an internal error (a crash in planning or synth) or silently lost
 * part of the config. Each must now be a config error naming its path, or synthesize correctly.
 */
function clone(input: PlatformConfigInput): PlatformConfigInput {
  return JSON.parse(JSON.stringify(input)) as PlatformConfigInput;
}

type Outcome = { kind: "config" | "plan"; lines: string[] } | { kind: "synthesized"; stacks: string[] };

function outcome(result: ReturnType<typeof parseConfig>): Outcome {
  if (!result.ok) return { kind: "config", lines: result.problems.map((p) => `${p.path}: ${p.message}`) };
  const plan = planPlatform(result.config);
  const errors = plan.findings.filter((f) => f.level === "error");
  if (errors.length > 0) return { kind: "plan", lines: errors.map((e) => `${e.path}: ${e.message}`) };
  const app = Testing.app();
  withoutTokenStackTraces(() => {
    addPlatformStacks(app, plan);
    app.synth();
  });
  return { kind: "synthesized", stacks: app.node.children.map((c) => c.node.id).sort() };
}

test("an environment named constructor is a config error, not a cdktf construct clash", () => {
  const config = clone(platform);
  (config.environments as Record<string, unknown>)["constructor"] = config.environments.dev!;
  delete config.environments.dev;
  expect(outcome(parseConfig(config))).toEqual({
    kind: "plan",
    lines: ['environments.constructor: gives stack name "constructor", which cdktf cannot use (it is a property of every JavaScript object); rename the environment'],
  });
});

test("Azure prefixes acr/prod and acr-prod both synthesize (distinct construct ids)", () => {
  const config = clone(platform);
  config.accounts.main!.registry!.pullThroughCache!.azure = {
    "acr/prod": { registryName: "registryone", credential: { source: "create" } },
    "acr-prod": { registryName: "registrytwo", credential: { source: "create" } },
  };
  const result = outcome(parseConfig(config));
  expect(result.kind).toBe("synthesized");
  const app = Testing.app();
  addPlatformStacks(app, planPlatform((parseConfig(config) as unknown as { config: never }).config));
  const registry = app.node.children.find((c) => c.node.id === "registry-111111111111-us-east-1")!;
  const outputs = Object.keys(JSON.parse(Testing.synth(registry as never)).output as object).sort();
  // "acr/prod" has a "/": its output name carries sha256("acr/prod")[:8] = acc689a6 (Python hashlib).
  expect(outputs).toEqual(["acr_prod_acc689a6_credential_secret_arn", "acr_prod_credential_secret_arn", "docker_hub_credential_secret_arn", "ghcr_credential_secret_arn"]);
});

test("a prefix written with and without its trailing slash is refused, not silently merged", () => {
  const config = clone(platform);
  config.accounts.main!.registry!.pullThroughCache!.azure = {
    "acr/prod": { registryName: "registryone", credential: { source: "create" } },
    "acr/prod/": { registryName: "registrytwo", credential: { source: "create" } },
  };
  expect(outcome(parseConfig(config))).toEqual({
    kind: "config",
    lines: ['accounts.main.registry.pullThroughCache.azure.acr/prod/: must not end with "/" (ECR implies it): write "acr/prod"'],
  });
});

const ENV = `{"account":"main","regions":{"us-east-1":{"vpc":{"id":"vpc-0123456789abcdef0","cidr":"10.0.0.0/16","privateSubnetIds":["subnet-0123456789abcdef0"],"privateRouteTableIds":["rtb-0123456789abcdef0"]}}},"services":{"web":{"image":"public.ecr.aws/a/b:1","desiredCount":1,"environment":{"__proto__":"x","MODE":"a"}}}}`;

test("a __proto__ key in a file is a config error at its path, not silently dropped", () => {
  const text = `{"accounts":{"main":{"id":"111111111111","registry":{"pullThroughCache":{"ecrPublic":true}}}},"tags":{"__proto__":"x"},"environments":{"prod":${ENV}}}`;
  expect(outcome(parseConfigText(text, "p.json"))).toEqual({
    kind: "config",
    lines: [
      `tags.__proto__: is not allowed as a key (JavaScript reserves it) (line 1, column ${text.indexOf('"__proto__"') + 1})`,
      `environments.prod.services.web.environment.__proto__: is not allowed as a key (JavaScript reserves it) (line 1, column ${text.lastIndexOf('"__proto__"') + 1})`,
    ],
  });
});

test("an own __proto__ key in a TypeScript config is a config error too", () => {
  const config = clone(platform);
  Object.defineProperty(config.environments.dev!.services!.web!, "environment", { value: JSON.parse('{"__proto__":"x"}'), enumerable: true });
  expect(outcome(parseConfig(config))).toEqual({ kind: "config", lines: ["environments.dev.services.web.environment.__proto__: is not allowed as a key (JavaScript reserves it)"] });
});

test.each(["constructor", "tostring", "valueof", "hasownproperty", "prototype"])("service, sidecar and account alias %s synthesize", (name) => {
  const config = clone(platform);
  config.environments.dev!.services![name] = { image: "nginx:1.27.3", desiredCount: 1, sidecars: { [name === "prototype" ? "constructor" : "prototype"]: { image: "public.ecr.aws/a/b:1" } } };
  config.accounts[name] = config.accounts.main!;
  delete config.accounts.main;
  for (const env of Object.values(config.environments)) env.account = name;
  const result = outcome(parseConfig(config));
  expect(result.kind).toBe("synthesized");
});
