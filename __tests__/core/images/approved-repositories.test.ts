/**
 * Approved upstream repositories (`pullThroughCache.<upstream>.allowedRepositories`): refused images
 * with a did-you-mean, and every document pullguard writes asked (core/iam/evaluation.ts) whether a
 * first pull may import an approved repository and whether it may import anything else.
 */
import { A, baseInput, CACHE, createCredential, env, errors, plan, problems, registry, type Input, type RegistryInput } from "../../helpers/registry-config";
import { evaluatePolicy } from "../../../core/iam/evaluation";
import type { PolicyDocument } from "../../../core/model/policy-types";
import { importableRepositoryArns, nearApprovedRepository } from "../../../core/images/approved-repositories";

const ARN = (repository: string) => `arn:aws:ecr:us-east-1:${A}:repository/${repository}`;
const ROLE = `arn:aws:iam::${A}:role/anyone-in-the-account`;

const approved: RegistryInput = {
  pullThroughCache: {
    dockerHub: { credential: createCredential, allowedRepositories: ["library/nginx", "bitnami/*"] },
    ecrPublic: { allowedRepositories: ["docker/library/nginx"] },
    quay: true,
  },
};

function withImages(registry: RegistryInput, images: Record<string, string>, extra: Parameters<typeof env>[3] = {}): Input {
  const services = Object.fromEntries(Object.entries(images).map(([name, image]) => [name, { image, desiredCount: 2 }]));
  return { ...baseInput(registry), environments: { prod: env("main", ["us-east-1"], services, extra) } };
}

describe("images outside the approved repositories", () => {
  test("ngnix is refused at the service's image path, with the approved nginx as the likely meaning", () => {
    // An official image: with ECR Public enabled it is cached from the mirror, so the ECR Public list decides.
    const p = plan(withImages(approved, { web: "library/ngnix:1.27.3", docs: "nginx:1.27.3" }));
    expect(errors(p).map((f) => [f.rule, f.path, f.message])).toEqual([
      [
        "PG-IMAGE-NOT-APPROVED",
        "environments.prod.services.web.image",
        `"library/ngnix:1.27.3": upstream repository "docker/library/ngnix" (a Docker Official Image, cached from ECR Public's mirror) is not in ${CACHE}.ecrPublic.allowedRepositories; did you mean "docker/library/nginx"?`,
      ],
    ]);
    // The plan keeps the refused image with what the rule judges: the matched rule, its list and where it is configured.
    expect(p.environments[0]!.services.find((s) => s.name === "web")?.containers[0]?.image.cache).toEqual({
      upstream: "ecr-public",
      officialMirror: true,
      upstreamRepository: "docker/library/ngnix",
      allowedRepositories: ["docker/library/nginx"],
      ruleConfigPath: `${CACHE}.ecrPublic`,
    });
  });

  test("through the Docker Hub rule, ngnix is checked against the Docker Hub list", () => {
    const p = plan(withImages({ pullThroughCache: { dockerHub: { credential: createCredential, allowedRepositories: ["library/nginx"] } } }, { web: "ngnix:1.27.3" }));
    expect(errors(p).map((f) => [f.path, f.message])).toEqual([
      ["environments.prod.services.web.image", `"ngnix:1.27.3": upstream repository "library/ngnix" is not in ${CACHE}.dockerHub.allowedRepositories; did you mean "library/nginx"?`],
    ]);
  });

  test("bitnamii/redis is a near miss of the pattern bitnami/*; bitnami/redis itself is approved", () => {
    const p = plan(withImages({ pullThroughCache: { dockerHub: { credential: createCredential, allowedRepositories: ["bitnami/*"] } } }, { a: "bitnamii/redis:7.2", b: "bitnami/redis:7.2" }));
    expect(errors(p).map((f) => f.message)).toEqual([`"bitnamii/redis:7.2": upstream repository "bitnamii/redis" is not in ${CACHE}.dockerHub.allowedRepositories; did you mean "bitnami/*"?`]);
  });

  test("a repository far from every approved one gets no guess", () => {
    const p = plan(withImages(approved, { web: "grafana/grafana:11.0.0" }));
    expect(errors(p).map((f) => f.message)).toEqual([`"grafana/grafana:11.0.0": upstream repository "grafana/grafana" is not in ${CACHE}.dockerHub.allowedRepositories`]);
  });

  test("an official image on ECR Public's mirror is checked against the ECR Public list, by its mirror path", () => {
    const p = plan(withImages(approved, { web: "redis:7.2" }));
    expect(errors(p).map((f) => f.message)).toEqual([
      `"redis:7.2": upstream repository "docker/library/redis" (a Docker Official Image, cached from ECR Public's mirror) is not in ${CACHE}.ecrPublic.allowedRepositories`,
    ]);
  });

  test("a Docker Hub entry without a namespace names the official image, as Docker resolves it", () => {
    const p = plan(withImages({ pullThroughCache: { dockerHub: { credential: createCredential, allowedRepositories: ["nginx"] } } }, { web: "nginx:1.27.3" }));
    expect(errors(p)).toEqual([]);
  });

  test("a rule without a list approves everything (quay here)", () => {
    expect(errors(plan(withImages(approved, { web: "quay.io/prometheus/node-exporter:v1.8.1" })))).toEqual([]);
  });

  test("hostile list entries are refused at their path", () => {
    const found = problems(withImages({ pullThroughCache: { quay: { allowedRepositories: ["Prometheus/*", "a//b", "", "x\ny"] } } }, { web: "quay.io/a/b:1" }));
    expect(found.map((p) => p.path)).toEqual([0, 1, 2, 3].map((i) => `${CACHE}.quay.allowedRepositories[${i}]`));
    expect(problems(withImages({ pullThroughCache: { quay: { allowedRepositories: [] } } }, { web: "quay.io/a/b:1" })).map((p) => [p.path, p.message])).toEqual([
      [`${CACHE}.quay.allowedRepositories`, "must list at least one repository (omit the field to allow every repository)"],
    ]);
  });
});

describe("nearApprovedRepository", () => {
  const rule = { kind: "docker-hub" as const, prefix: "docker-hub", allowedRepositories: ["library/nginx", "library/postgres", "bitnami/*"] };
  test.each([
    ["library/ngnix", "library/nginx"],
    ["library/nginxx", "library/nginx"],
    ["library/postgress", "library/postgres"],
    ["bitnaml/redis", "bitnami/*"],
    ["library/mysql", undefined],
    ["evil/nginx", undefined],
  ])("%s -> %s", (repository, expected) => {
    expect(nearApprovedRepository(rule, repository)).toBe(expected);
  });
});

describe("importableRepositoryArns", () => {
  const where = { account: A, region: "us-east-1" };
  const partner = { kind: "ecr" as const, prefix: "partner", upstreamAccount: "210987654321", upstreamRegion: "us-east-1", upstreamRepositoryPrefix: "shared" };

  test("a rule without a list keeps its whole prefix, upstream repository prefix or not", () => {
    expect(importableRepositoryArns(partner, where)).toEqual([ARN("partner/*")]);
    expect(importableRepositoryArns({ kind: "quay", prefix: "ROOT" }, where)).toEqual([`arn:aws:ecr:us-east-1:${A}:repository/*`]);
  });

  test("an ECR-to-ECR list names full upstream repositories; the cache path drops the upstream prefix, and a pattern outside it is no path at all", () => {
    expect(importableRepositoryArns({ ...partner, allowedRepositories: ["shared/base", "shared/tools/*", "other/app"] }, where)).toEqual([ARN("partner/base"), ARN("partner/tools/*")]);
  });

  test("a Docker Hub entry without a namespace is the official image's cache path", () => {
    expect(importableRepositoryArns({ kind: "docker-hub", prefix: "hub", allowedRepositories: ["nginx", "bitnami/*"] }, where)).toEqual([ARN("hub/library/nginx"), ARN("hub/bitnami/*")]);
  });
});

describe("import actions list only approved repositories", () => {
  const input = withImages(approved, { web: "nginx:1.27.3", cache: "bitnami/redis:7.2", metrics: "quay.io/prometheus/node-exporter:v1.8.1" }, { endpoints: { restrictToAccount: true } });
  const p = plan(input);
  const reg = registry(p, A, "us-east-1");
  const importIn = (doc: PolicyDocument, repository: string, action = "ecr:BatchImportUpstreamImage") =>
    evaluatePolicy(doc, { action, resource: ARN(repository), principal: { type: "AWS", id: ROLE } });

  test("the plan is clean", () => {
    expect(errors(p)).toEqual([]);
  });

  test("the registry policy denies importing anything else, for every principal", () => {
    const statement = reg.registryPolicy!.Statement.find((s) => s.Sid === "ImportApprovedRepositoriesOnly");
    expect(statement).toEqual({
      Sid: "ImportApprovedRepositoriesOnly",
      Effect: "Deny",
      Principal: "*",
      Action: "ecr:BatchImportUpstreamImage",
      NotResource: [ARN("docker-hub/bitnami/*"), ARN("docker-hub/library/nginx"), ARN("ecr-public/docker/library/nginx"), ARN("quay/*")],
    });
    const policy = reg.registryPolicy!;
    expect(importIn(policy, "docker-hub/library/ngnix")).toBe("explicit-deny");
    expect(importIn(policy, "ecr-public/docker/library/redis")).toBe("explicit-deny");
    expect(importIn(policy, "docker-hub/evil/nginx")).toBe("explicit-deny");
    // Approved repositories and rules without a list are not denied (the role's own Allow grants them).
    expect(importIn(policy, "docker-hub/library/nginx")).toBe("implicit-deny");
    expect(importIn(policy, "docker-hub/bitnami/redis")).toBe("implicit-deny");
    expect(importIn(policy, "quay/prometheus/node-exporter")).toBe("implicit-deny");
  });

  test("each execution role may import exactly its own approved images' cache repositories", () => {
    const roles = p.environments[0]!.executionRoles;
    const imports = roles.flatMap((r) => r.policy.Statement.filter((s) => ([] as string[]).concat(s.Action ?? []).includes("ecr:BatchImportUpstreamImage")));
    expect(imports.flatMap((s) => ([] as string[]).concat(s.Resource ?? [])).sort()).toEqual([
      ARN("docker-hub/bitnami/redis"),
      ARN("ecr-public/docker/library/nginx"),
      ARN("quay/prometheus/node-exporter"),
    ]);
    for (const role of roles) {
      for (const action of ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"]) {
        expect(importIn(role.policy, "docker-hub/library/ngnix", action)).not.toBe("allow");
        expect(importIn(role.policy, "docker-hub/*", action)).not.toBe("allow");
      }
    }
    const web = roles.find((r) => r.services.includes("web"))!;
    expect(importIn(web.policy, "ecr-public/docker/library/nginx")).toBe("allow");
    expect(importIn(web.policy, "ecr-public/docker/library/nginx", "ecr:CreateRepository")).toBe("allow");
  });

  test("the ECR VPC endpoints pass imports of approved repositories only", () => {
    const endpoints = p.environments[0]!.endpoints.filter((e) => e.service.startsWith("ecr."));
    expect(endpoints.map((e) => e.service).sort()).toEqual(["ecr.api", "ecr.dkr"]);
    const inAccount = (repository: string, action: string) =>
      evaluatePolicy(endpoints[0]!.policy!, { action, resource: ARN(repository), principal: { type: "AWS", id: ROLE }, context: { "aws:PrincipalAccount": A } });
    for (const action of ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"]) {
      expect(inAccount("ecr-public/docker/library/nginx", action)).toBe("allow");
      expect(inAccount("docker-hub/bitnami/redis", action)).toBe("allow");
      expect(inAccount("docker-hub/library/ngnix", action)).toBe("implicit-deny");
      expect(inAccount("orders", action)).toBe("implicit-deny");
    }
    expect(inAccount("orders", "ecr:BatchGetImage")).toBe("allow");
  });

  test("without any list there is no Deny statement and no registry policy", () => {
    const open = plan(withImages({ pullThroughCache: { dockerHub: { credential: createCredential }, ecrPublic: true } }, { web: "nginx:1.27.3" }));
    expect(registry(open, A, "us-east-1").registryPolicy).toBeUndefined();
  });

  test("a user statement may not reuse the Deny statement's Sid", () => {
    const reused = plan({ ...input, accounts: { main: { id: A, registry: { ...approved, registryPolicyStatements: [{ Sid: "ImportApprovedRepositoriesOnly", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "ecr:CreateRepository", Resource: "*" }] } } } });
    expect(errors(reused).map((f) => f.path)).toEqual(["accounts.main.registry.registryPolicyStatements[0].Sid"]);
  });
});
