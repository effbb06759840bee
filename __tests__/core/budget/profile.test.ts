import { demandFor, rolloutPullers, serviceLabel, shapeOf } from "../../../core/budget/profile";
import { ecrImage, hubImage, profile } from "../../helpers/pull-profiles";

/** Two ECR images per task: 4 layers and the default 10, so 14 layers per task. */
const twoImages = [ecrImage(4), { source: "ecr" as const, registryPath: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1" }];

describe("serviceLabel", () => {
  it("names a service stack/service", () => {
    expect(serviceLabel({ stack: "shop", service: "orders" })).toBe("shop/orders");
  });
});

describe("shapeOf: the per-task call shape", () => {
  it("counts only ECR images and their layers (10 when not given)", () => {
    const shape = shapeOf(profile({ images: [...twoImages, hubImage(), { source: "other-direct", layers: 7, registryPath: "ghcr.io/x/y:1" }] }));
    expect(shape).toEqual({ ecrImages: 2, ecrLayers: 14, layerSharers: Infinity, pullOncePerInstance: false, fargate: true });
  });

  it("EC2 once on 6 instances: 6 tasks share a layer cache and only the first per instance pulls", () => {
    expect(shapeOf(profile({ launchType: "EC2", pullBehavior: "once", instanceCount: 6, images: twoImages }))).toEqual({
      ecrImages: 2,
      ecrLayers: 14,
      layerSharers: 6,
      pullOncePerInstance: true,
      fargate: false,
    });
    expect(shapeOf(profile({ launchType: "EC2", pullBehavior: "prefer-cached", instanceCount: 6 })).pullOncePerInstance).toBe(true);
    expect(shapeOf(profile({ launchType: "EC2", pullBehavior: "always", instanceCount: 6 })).pullOncePerInstance).toBe(false);
    // No pullBehavior is the agent's "default": every task fetches manifests.
    expect(shapeOf(profile({ launchType: "EC2", instanceCount: 6 })).pullOncePerInstance).toBe(false);
  });

  it("Fargate has no cache: pullBehavior and instanceCount are ignored, even an invalid instanceCount", () => {
    expect(shapeOf(profile({ pullBehavior: "once", instanceCount: 0 }))).toEqual({
      ecrImages: 1,
      ecrLayers: 10,
      layerSharers: Infinity,
      pullOncePerInstance: false,
      fargate: true,
    });
  });

  it("rejects counts that are not whole, naming the service", () => {
    expect(() => shapeOf(profile({ desiredCount: -1 }))).toThrow(new RangeError("shop/orders: desiredCount must be a non-negative integer, got -1"));
    expect(() => shapeOf(profile({ images: [ecrImage(2.5, "app:1")] }))).toThrow(new RangeError("shop/orders: layers of app:1 must be a non-negative integer, got 2.5"));
    expect(() => shapeOf(profile({ launchType: "EC2", instanceCount: 0 }))).toThrow(new RangeError("shop/orders: instanceCount must be a positive integer, got 0"));
  });
});

describe("demandFor: ECR calls of the tasks starting in the peak second", () => {
  const fargate = shapeOf(profile({ images: twoImages }));
  const ec2 = (pullBehavior: "once" | "default") => shapeOf(profile({ launchType: "EC2", pullBehavior, instanceCount: 6, images: twoImages }));

  it("Fargate, 30 tasks of 2 images / 14 layers: 30 tokens, 30 x 2 = 60 manifests, 30 x 14 = 420 layers", () => {
    expect(demandFor(fargate, 30)).toEqual({ GetAuthorizationToken: 30, BatchGetImage: 60, GetDownloadUrlForLayer: 420, BatchCheckLayerAvailability: 0 });
  });

  it("EC2 once, 30 tasks on 6 instances: only 6 pull, 6 tokens, 6 x 2 = 12 manifests, 6 x 14 = 84 layers", () => {
    expect(demandFor(ec2("once"), 30)).toEqual({ GetAuthorizationToken: 6, BatchGetImage: 12, GetDownloadUrlForLayer: 84, BatchCheckLayerAvailability: 0 });
  });

  it("EC2 default, 30 tasks on 6 instances: every task authenticates and fetches manifests (30, 60), layers once per instance (84)", () => {
    expect(demandFor(ec2("default"), 30)).toEqual({ GetAuthorizationToken: 30, BatchGetImage: 60, GetDownloadUrlForLayer: 84, BatchCheckLayerAvailability: 0 });
  });

  it("EC2 once with fewer tasks than instances: 4 tasks, 4 instances used, 4 x 14 = 56 layers", () => {
    expect(demandFor(ec2("once"), 4)).toEqual({ GetAuthorizationToken: 4, BatchGetImage: 8, GetDownloadUrlForLayer: 56, BatchCheckLayerAvailability: 0 });
  });

  it("a group's pro-rata Fargate share may be fractional: 33.5 tasks x 14 layers = 469", () => {
    expect(demandFor(fargate, 33.5)).toEqual({ GetAuthorizationToken: 33.5, BatchGetImage: 67, GetDownloadUrlForLayer: 469, BatchCheckLayerAvailability: 0 });
  });

  it("no task or no ECR image: no calls", () => {
    const none = { GetAuthorizationToken: 0, BatchGetImage: 0, GetDownloadUrlForLayer: 0, BatchCheckLayerAvailability: 0 };
    expect(demandFor(fargate, 0)).toEqual(none);
    expect(demandFor(shapeOf(profile({ images: [hubImage()] })), 30)).toEqual(none);
  });
});

describe("rolloutPullers: tasks pulling each image over a full rollout", () => {
  it("every task on Fargate and EC2 default; once per instance, at most the tasks, on EC2 once", () => {
    const p = profile({ desiredCount: 30 });
    expect(rolloutPullers(p, shapeOf(p))).toBe(30);
    const ec2Default = profile({ desiredCount: 30, launchType: "EC2", instanceCount: 6 });
    expect(rolloutPullers(ec2Default, shapeOf(ec2Default))).toBe(30);
    const ec2Once = profile({ desiredCount: 30, launchType: "EC2", pullBehavior: "once", instanceCount: 6 });
    expect(rolloutPullers(ec2Once, shapeOf(ec2Once))).toBe(6);
    const fewTasks = profile({ desiredCount: 4, launchType: "EC2", pullBehavior: "once", instanceCount: 6 });
    expect(rolloutPullers(fewTasks, shapeOf(fewTasks))).toBe(4);
  });
});
