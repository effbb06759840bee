/**
 * The config written as a file for the config-files-*.test.ts files: one object, the same config as
 * hand-written YAML, a temporary directory to write files into, and the assertion that a rejected
 * config reports one `path: message` line per problem.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConfigResult } from "../../config/load";
import { oneLine, problemLine, type ConfigProblem } from "../../config/problems";
import type { PlatformConfigInput } from "../../config/schema";
import { ACCOUNT } from "./config-cases";

/** A config that plans cleanly: one account caching Docker Hub and Quay, one environment, two services. */
export const baseObject = () => ({
  accounts: { main: { id: ACCOUNT, registry: { pullThroughCache: { dockerHub: { credential: { source: "create" } }, quay: true } } } },
  environments: {
    prod: {
      account: "main",
      regions: {
        "us-east-1": {
          vpc: {
            id: "vpc-0123456789abcdef0",
            cidr: "10.0.0.0/16",
            privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
            privateRouteTableIds: ["rtb-0123456789abcdef0"],
          },
        },
      },
      services: {
        api: { image: "nginx:1.27.3", desiredCount: 2, port: 80 },
        metrics: { image: "quay.io/prometheus/node-exporter:v1.8.2", desiredCount: 1 },
      },
    },
  },
  tags: { owner: "platform-team" },
});

/** The same config as baseObject, written by hand the way people write YAML (account id quoted). */
export const BASE_YAML = `# pullguard config
accounts:
  main:
    id: "${ACCOUNT}"
    registry:
      pullThroughCache:
        dockerHub:
          credential: { source: create }
        quay: true
environments:
  prod:
    account: main
    regions:
      us-east-1:
        vpc:
          id: vpc-0123456789abcdef0
          cidr: 10.0.0.0/16
          privateSubnetIds:
            - subnet-0123456789abcdef0
            - subnet-0123456789abcdef1
          privateRouteTableIds: [rtb-0123456789abcdef0]
    services:
      api:
        image: nginx:1.27.3
        desiredCount: 2
        port: 80
      metrics:
        image: quay.io/prometheus/node-exporter:v1.8.2
        desiredCount: 1
tags:
  owner: platform-team
`;

/** The embedded-config loader for loadConfig calls with PULLGUARD_CONFIG set, which must not call it. */
export const NO_EMBEDDED = (): PlatformConfigInput => {
  throw new Error("the embedded config must not be loaded when PULLGUARD_CONFIG is set");
};

function failed(result: ConfigResult): ConfigProblem[] {
  if (result.ok) throw new Error("expected the config to be rejected, but it parsed");
  for (const problem of result.problems) {
    expect(problemLine(problem)).not.toMatch(/[\r\n]/);
    expect(problemLine(problem)).toBe(`${oneLine(problem.path)}: ${oneLine(problem.message)}`);
  }
  return [...result.problems];
}

/** A rejected config's problems as lines; each must be one `path: message` line. */
export function lines(result: ConfigResult): string[] {
  return failed(result).map(problemLine);
}

/** A temporary directory for one test file's config files: made before its tests, removed after them. */
export function configFileDirectory(): { dir: () => string; file: (name: string, text: string) => string } {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "pullguard-config-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    file(name: string, text: string): string {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}
