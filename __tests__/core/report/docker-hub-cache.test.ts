/**
 * The Docker Hub pulls cached images cost and the ones the ECR Public mirror route saves: the
 * budget's count (core/budget/docker-hub.ts) and the report's JSON and Markdown built from a plan.
 */
import { A, baseInput, createCredential, env, hostOf, plan, type Input, type RegistryInput } from "../../helpers/registry-config";
import { dockerHubCachePulls } from "../../../core/budget";
import { pullBudgetMarkdown, pullBudgetReport } from "../../../core/report";

const HOST = hostOf(A, "us-east-1");

function withImages(registry: RegistryInput, services: Record<string, string[]>): Input {
  const serviceInputs = Object.fromEntries(
    Object.entries(services).map(([name, [image, ...sidecars]]) => [
      name,
      { image: image!, desiredCount: 3, sidecars: Object.fromEntries(sidecars.map((s, i) => [`side${i}`, { image: s }])) },
    ]),
  );
  return { ...baseInput(registry), environments: { prod: env("main", ["us-east-1"], serviceInputs) } };
}

const both: RegistryInput = { pullThroughCache: { dockerHub: { credential: createCredential }, ecrPublic: true, quay: true } };

describe("dockerHubCachePulls", () => {
  test("counts images the cache imports from Docker Hub and official images on the mirror; nothing else", () => {
    expect(
      dockerHubCachePulls([
        { source: "ecr", registryPath: "a", dockerHubCache: "docker-hub" },
        { source: "ecr", registryPath: "b", dockerHubCache: "official-mirror" },
        { source: "ecr", registryPath: "c", dockerHubCache: "official-mirror" },
        { source: "ecr", registryPath: "d" },
        { source: "docker-hub-direct", registryPath: "e" },
      ]),
    ).toEqual({ pullsPerNewImage: 1, savedByOfficialMirror: 2 });
    expect(dockerHubCachePulls([])).toEqual({ pullsPerNewImage: 0, savedByOfficialMirror: 0 });
  });
});

describe("the report shows each image's route and the pulls the mirror saves", () => {
  const p = plan(withImages(both, { web: ["nginx:1.27.3", "bitnami/redis:7.2"], api: ["nginx:1.27.3"], metrics: ["quay.io/prometheus/node-exporter:v1.8.1"] }));
  const report = pullBudgetReport(p);
  const services = report.stacks[0]!.services;
  const byName = (name: string) => services.find((s) => s.service === name)!;

  test("JSON: the official image is cached from ECR Public's mirror, bitnami/redis from Docker Hub", () => {
    expect(byName("web").images).toEqual([
      { container: "web", written: "nginx:1.27.3", pulledFrom: `${HOST}/ecr-public/docker/library/nginx:1.27.3`, route: "pull-through-cache", cachedFrom: "ecr-public", dockerOfficialImageMirror: true, layers: 10 },
      { container: "side0", written: "bitnami/redis:7.2", pulledFrom: `${HOST}/docker-hub/bitnami/redis:7.2`, route: "pull-through-cache", cachedFrom: "docker-hub", layers: 10 },
    ]);
    expect(byName("web").dockerHubCache).toEqual({ pullsPerNewImage: 1, savedByOfficialMirror: 1 });
  });

  test("JSON: a service with no Docker Hub image has no dockerHubCache entry", () => {
    expect(byName("metrics").images[0]).toEqual({ container: "metrics", written: "quay.io/prometheus/node-exporter:v1.8.1", pulledFrom: `${HOST}/quay/prometheus/node-exporter:v1.8.1`, route: "pull-through-cache", cachedFrom: "quay", layers: 10 });
    expect("dockerHubCache" in byName("metrics")).toBe(false);
  });

  test("Markdown: the image cell names the route and the stack counts each distinct image once", () => {
    const text = pullBudgetMarkdown(p, report);
    expect(text).toContain(`\`${HOST}/ecr-public/docker/library/nginx:1.27.3\` (Docker Official Image via ECR Public)`);
    // nginx is pulled by two services but imported once: 1 saved, and bitnami/redis costs 1.
    expect(text).toContain("Docker Hub pulls per first deploy or new tag (one per image the cache imports): 1 through the Docker Hub rule; 1 saved by taking Docker Official Images from ECR Public's mirror.");
  });

  test("with officialImagesVia: docker-hub nothing is saved and nginx costs a Docker Hub pull", () => {
    const viaHub = plan(withImages({ pullThroughCache: { ...both.pullThroughCache, officialImagesVia: "docker-hub" } }, { web: ["nginx:1.27.3", "bitnami/redis:7.2"] }));
    expect(pullBudgetReport(viaHub).stacks[0]!.services[0]!.dockerHubCache).toEqual({ pullsPerNewImage: 2, savedByOfficialMirror: 0 });
    expect(pullBudgetMarkdown(viaHub)).toContain("2 through the Docker Hub rule; 0 saved");
  });
});
