import { parseConfig } from "../../config/load";
import { VPC } from "../rules/rule-cases";

/** A Docker Hub credential with the given extra fields; the problems as "path: message" lines. */
function problems(credential: Record<string, unknown>): string[] {
  const result = parseConfig({
    accounts: { main: { id: "111111111111", registry: { pullThroughCache: { dockerHub: { credential: { source: "create", ...credential } } } } } },
    environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { web: { image: "nginx:1.27.3", desiredCount: 1 } } } },
  });
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

const PATH = "accounts.main.registry.pullThroughCache.dockerHub.credential";

describe("credential.upstreamAccount and credential.plan", () => {
  test.each([{ upstreamAccount: "acme-bot" }, { upstreamAccount: "ci@acme.example" }, { plan: "business" }, { plan: { pulls: 5000, hours: 24 } }, {}])("accepted: %j", (fields) => {
    expect(problems(fields)).toEqual([]);
  });

  test("an upstream account name that could carry markup or a line break is refused, one line naming its path", () => {
    expect(problems({ upstreamAccount: "bot<img src=x>" })).toEqual([`${PATH}.upstreamAccount: must be the upstream user or organisation name: letters, digits and . _ @ + - (at most 128)`]);
    expect(problems({ upstreamAccount: "bot\nline" })).toHaveLength(1);
    expect(problems({ upstreamAccount: "" })).toHaveLength(1);
    expect(problems({ upstreamAccount: "a".repeat(129) })).toHaveLength(1);
  });

  test.each([["free"], [200], [{ pulls: 0, hours: 6 }], [{ pulls: 10, hours: 0 }], [{ pulls: 1.5, hours: 6 }], [{ pulls: 10 }], [{ pulls: 10, hours: 6, extra: 1 }]])("a plan that is neither a Docker Hub plan nor { pulls, hours }: %j", (plan) => {
    const found = problems({ plan });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${PATH.replace(/\./g, "\\.")}\\.plan`));
  });
});
