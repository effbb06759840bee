import { parseConfig, type ConfigResult } from "../../config/load";
import { oneLine, problemLine, type ConfigProblem } from "../../config/problems";
import type { PlatformConfig } from "../../config/schema";
import { planPlatform } from "../../core/plan";
import type { Finding } from "../../core/model/plan-types";

/**
 * The valid base config the config-validation tests mutate one thing of, and the assertions they
 * share: a problem must be one `path: message` line at the exact config path.
 */

export const ACCOUNT = "123456789012";

// Test inputs are deliberately mistyped, so they are plain JSON values, not PlatformConfigInput.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Raw = any;

export function baseVpc(): Raw {
  return {
    id: "vpc-0123456789abcdef0",
    cidr: "10.0.0.0/16",
    privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
    privateRouteTableIds: ["rtb-0123456789abcdef0"],
  };
}

/** The smallest config that plans cleanly: one account with a Docker Hub cache, one environment, one service. */
export function baseConfig(): Raw {
  return {
    accounts: {
      main: { id: ACCOUNT, registry: { pullThroughCache: { dockerHub: { credential: { source: "create" } } } } },
    },
    environments: {
      prod: {
        account: "main",
        regions: { "us-east-1": { vpc: baseVpc() } },
        services: { api: { image: "nginx:1.27.3", desiredCount: 2 } },
      },
    },
  };
}

export function api(config: Raw): Raw {
  return config.environments.prod.services.api;
}

export function vpc(config: Raw): Raw {
  return config.environments.prod.regions["us-east-1"].vpc;
}

export function lines(problems: readonly ConfigProblem[]): string[] {
  return problems.map(problemLine);
}

/** Parses and insists on failure; every problem must be one `path: message` line. */
export function problemsOf(input: unknown): ConfigProblem[] {
  const result: ConfigResult = parseConfig(input);
  if (result.ok) throw new Error("expected the config to be rejected, but it parsed");
  expect(result.ok).toBe(false);
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    const line = problemLine(problem);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toBe(`${oneLine(problem.path)}: ${oneLine(problem.message)}`);
    expect(problem.message.trim()).not.toBe("");
  }
  return [...result.problems];
}

export function expectProblem(input: unknown, path: string, ...fragments: string[]): ConfigProblem {
  const problems = problemsOf(input);
  const atPath = problems.filter((p) => p.path === path);
  if (atPath.length === 0) throw new Error(`no problem at ${path}; got:\n${lines(problems).join("\n")}`);
  const match = atPath.find((p) => fragments.every((f) => p.message.includes(f)));
  if (!match) throw new Error(`no problem at ${path} containing ${JSON.stringify(fragments)}; got:\n${lines(problems).join("\n")}`);
  return match;
}

export function parsed(input: unknown): PlatformConfig {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(`expected the config to parse; got:\n${lines(result.problems).join("\n")}`);
  return result.config;
}

export function planErrors(input: unknown): Finding[] {
  const findings = planPlatform(parsed(input)).findings;
  for (const f of findings) expect(`${f.path}: ${f.message}`).not.toMatch(/[\r\n]/);
  return findings.filter((f) => f.level === "error");
}

export function expectPlanError(input: unknown, path: string, ...fragments: string[]): Finding {
  const errors = planErrors(input);
  const show = () => errors.map((e) => `${e.path}: ${e.message}`).join("\n") || "(no errors)";
  const atPath = errors.filter((e) => e.path === path);
  if (atPath.length === 0) throw new Error(`no planning error at ${path}; got:\n${show()}`);
  const match = atPath.find((e) => fragments.every((f) => e.message.includes(f)));
  if (!match) throw new Error(`no planning error at ${path} containing ${JSON.stringify(fragments)}; got:\n${show()}`);
  expect(match.level).toBe("error");
  return match;
}

export function withRegion(config: Raw, region: string): Raw {
  config.environments.prod.regions = { [region]: { vpc: baseVpc() } };
  return config;
}

export const SERVICE = "environments.prod.services.api";
export const VPC = "environments.prod.regions.us-east-1.vpc";
