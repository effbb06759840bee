/**
 * Docker Official Images through ECR Public's `docker/library/` mirror (aws-facts.md, "Docker
 * Official Images on ECR Public"): whole-plan tests from config, expected URIs written out by hand.
 */
import { A, baseInput, CACHE, createCredential, env, errors, hostOf, plan, problems, type Input, type RegistryInput } from "../../helpers/registry-config";
import { isDockerOfficialImage } from "../../../core/images/reference-rewrite";
import { parseImageReference, type ImageReference } from "../../../core/images/reference";

const HOST = hostOf(A, "us-east-1");

function withImages(registry: RegistryInput, images: Record<string, string>): Input {
  const services = Object.fromEntries(Object.entries(images).map(([name, image]) => [name, { image, desiredCount: 2 }]));
  return { ...baseInput(registry), environments: { prod: env("main", ["us-east-1"], services) } };
}

function pulledFrom(input: Input): Record<string, string> {
  const p = plan(input);
  expect(errors(p)).toEqual([]);
  return Object.fromEntries(p.environments[0]!.services.map((s) => [s.name, s.containers[0]!.image.pull.registryPath]));
}

function ref(image: string): ImageReference {
  const parsed = parseImageReference(image);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.ref;
}

describe("isDockerOfficialImage", () => {
  test.each(["nginx:1.27.3", "library/nginx:1.27.3", "docker.io/library/nginx:1.27.3", "registry-1.docker.io/nginx:1.27.3"])("%s is an official image", (image) => {
    expect(isDockerOfficialImage(ref(image))).toBe(true);
  });
  test.each(["bitnami/redis:7.2", "docker.io/bitnami/redis:7.2", "public.ecr.aws/nginx/nginx:1.27", "quay.io/library/nginx:1.0", "library/nginx/extra:1.0"])("%s is not", (image) => {
    expect(isDockerOfficialImage(ref(image))).toBe(false);
  });
});

describe("official images with only the ECR Public cache", () => {
  const onlyEcrPublic: RegistryInput = { pullThroughCache: { ecrPublic: true } };

  test("every spelling of nginx goes to ecr-public/docker/library/nginx", () => {
    expect(pulledFrom(withImages(onlyEcrPublic, { bare: "nginx:1.27.3", library: "library/nginx:1.27.3", hub: "docker.io/library/nginx:1.27.3" }))).toEqual({
      bare: `${HOST}/ecr-public/docker/library/nginx:1.27.3`,
      library: `${HOST}/ecr-public/docker/library/nginx:1.27.3`,
      hub: `${HOST}/ecr-public/docker/library/nginx:1.27.3`,
    });
  });

  test("the plan records the route: cached from ECR Public's official mirror", () => {
    const image = plan(withImages(onlyEcrPublic, { web: "nginx:1.27.3" })).environments[0]!.services[0]!.containers[0]!.image;
    expect(image).toMatchObject({
      route: "pull-through-cache",
      cache: { upstream: "ecr-public", officialMirror: true },
      repositoryArn: `arn:aws:ecr:us-east-1:${A}:repository/ecr-public/docker/library/nginx`,
    });
  });

  test("a non-official Docker Hub image is never rewritten to ECR Public: it still needs a Docker Hub rule", () => {
    const p = plan(withImages(onlyEcrPublic, { cache: "bitnami/redis:7.2" }));
    expect(errors(p).map((f) => [f.path, f.message])).toEqual([
      [
        "environments.prod.services.cache.image",
        '"bitnami/redis:7.2": no pull-through cache rule for Docker Hub (docker.io); enable pullThroughCache.dockerHub',
      ],
    ]);
  });
});

describe("official images with both Docker Hub and ECR Public", () => {
  const both = (officialImagesVia?: "ecr-public" | "docker-hub"): RegistryInput => ({
    pullThroughCache: { dockerHub: { credential: createCredential }, ecrPublic: true, ...(officialImagesVia ? { officialImagesVia } : {}) },
  });
  const images = { web: "nginx:1.27.3", cache: "bitnami/redis:7.2" };

  test("by default official images take the mirror; bitnami/redis stays on Docker Hub", () => {
    expect(pulledFrom(withImages(both(), images))).toEqual({
      web: `${HOST}/ecr-public/docker/library/nginx:1.27.3`,
      cache: `${HOST}/docker-hub/bitnami/redis:7.2`,
    });
  });

  test("officialImagesVia: ecr-public says the same explicitly", () => {
    expect(pulledFrom(withImages(both("ecr-public"), images)).web).toBe(`${HOST}/ecr-public/docker/library/nginx:1.27.3`);
  });

  test("officialImagesVia: docker-hub keeps official images on the Docker Hub rule", () => {
    expect(pulledFrom(withImages(both("docker-hub"), images))).toEqual({
      web: `${HOST}/docker-hub/library/nginx:1.27.3`,
      cache: `${HOST}/docker-hub/bitnami/redis:7.2`,
    });
  });

  test("with only Docker Hub, official images stay on Docker Hub", () => {
    expect(pulledFrom(withImages({ pullThroughCache: { dockerHub: { credential: createCredential } } }, { web: "nginx:1.27.3" })).web).toBe(`${HOST}/docker-hub/library/nginx:1.27.3`);
  });
});

describe("officialImagesVia naming a rule that is not enabled", () => {
  test("docker-hub without pullThroughCache.dockerHub is refused at its path", () => {
    const found = problems(withImages({ pullThroughCache: { ecrPublic: true, officialImagesVia: "docker-hub" } }, { web: "nginx:1.27.3" }));
    expect(found.map((p) => [p.path, p.message])).toEqual([[`${CACHE}.officialImagesVia`, '"docker-hub" needs pullThroughCache.dockerHub, which is not enabled']]);
  });

  test("ecr-public without pullThroughCache.ecrPublic is refused at its path", () => {
    const found = problems(withImages({ pullThroughCache: { dockerHub: { credential: createCredential }, officialImagesVia: "ecr-public" } }, { web: "nginx:1.27.3" }));
    expect(found.map((p) => [p.path, p.message])).toEqual([[`${CACHE}.officialImagesVia`, '"ecr-public" needs pullThroughCache.ecrPublic, which is not enabled']]);
  });

  test("a value that is neither is refused", () => {
    const found = problems(withImages({ pullThroughCache: { ecrPublic: true, officialImagesVia: "quay" as never } }, { web: "nginx:1.27.3" }));
    expect(found.map((p) => p.path)).toEqual([`${CACHE}.officialImagesVia`]);
  });
});
