import { digestThroughCache } from "../../core/rules/digest-through-cache";
import { mutableTemplateTags } from "../../core/rules/mutable-tags";
import { preferCached } from "../../core/rules/prefer-cached";
import { ACCOUNT, findingsOf, platform } from "./rule-cases";

const cached = { web: { image: "nginx:1.27.3", desiredCount: 2 } };

describe("PG-DIGEST-THROUGH-CACHE (warning)", () => {
  test("compliant: a cached image by tag", () => {
    expect(findingsOf(platform(cached), digestThroughCache)).toEqual([]);
  });

  test("non-compliant: a cached image by digest alone", () => {
    const digest = `sha256:${"a".repeat(64)}`;
    expect(findingsOf(platform({ web: { image: `nginx@${digest}`, desiredCount: 2 } }), digestThroughCache)).toEqual([
      {
        level: "warning",
        path: "environments.prod.services.web.image",
        message: `nginx@${digest} is pinned by digest through the pull-through cache; ECR cannot import a never-cached image by digest, so pull it once by tag (or keep the tag beside the digest)`,
        stack: "prod",
        rule: "PG-DIGEST-THROUGH-CACHE",
      },
    ]);
  });
});

describe("PG-MUTABLE-TAGS (warning)", () => {
  test("compliant: creation templates with the default IMMUTABLE tags", () => {
    expect(findingsOf(platform(cached), mutableTemplateTags)).toEqual([]);
  });

  test("non-compliant: creation templates with MUTABLE tags", () => {
    const config = { ...platform(cached), accounts: { main: { id: ACCOUNT, registry: { pullThroughCache: { dockerHub: { credential: { source: "create" as const } } }, repositoryTemplates: { tagMutability: "MUTABLE" as const } } } } };
    expect(findingsOf(config, mutableTemplateTags)).toEqual([
      {
        level: "warning",
        path: "accounts.main.registry.repositoryTemplates.tagMutability",
        message: "is MUTABLE: a moved tag leaves the digest running tasks pinned untagged, and the untagged-expiry rule deletes it, breaking later scale-out",
        stack: "registry-111111111111-us-east-1",
        rule: "PG-MUTABLE-TAGS",
      },
    ]);
  });
});

describe("PG-PREFER-CACHED (warning)", () => {
  const onEc2 = { cache: { image: "nginx:1.27.3", desiredCount: 2, launchType: "EC2" as const } };

  test("compliant: EC2 capacity pulling once", () => {
    expect(findingsOf(platform(onEc2, { ec2Capacity: { imagePullBehavior: "once" } }), preferCached)).toEqual([]);
  });

  test("non-compliant: EC2 capacity with prefer-cached", () => {
    expect(findingsOf(platform(onEc2, { ec2Capacity: { imagePullBehavior: "prefer-cached" } }), preferCached)).toEqual([
      {
        level: "warning",
        path: "environments.prod.ec2Capacity.imagePullBehavior",
        message: "is prefer-cached, which disables the agent's automated image cleanup: instance disks fill over time; `once` caches per instance and keeps cleanup",
        stack: "prod",
        rule: "PG-PREFER-CACHED",
      },
    ]);
  });
});
