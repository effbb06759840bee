/** Pull profiles and images for the pull-budget model tests: one Fargate service "shop/orders" by default. */
import type { EcrApi, ImagePull, QuotaUse, ServicePullProfile } from "../../core/budget";

export const ecrImage = (layers = 10, registryPath = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/nginx:1.27"): ImagePull => ({
  source: "ecr",
  layers,
  registryPath,
});

export const hubImage = (dockerHubAuth?: "anonymous" | "personal" | "paid"): ImagePull => ({
  source: "docker-hub-direct",
  layers: 5,
  registryPath: "nginx:1.27",
  ...(dockerHubAuth ? { dockerHubAuth } : {}),
});

/** 100 Fargate tasks at 200/100 with one 10-layer ECR image behind one NAT IP, unless overridden. */
export function profile(overrides: Partial<ServicePullProfile> = {}): ServicePullProfile {
  return {
    stack: "shop",
    service: "orders",
    desiredCount: 100,
    minimumHealthyPercent: 100,
    maximumPercent: 200,
    launchType: "FARGATE",
    natPublicIps: 1,
    images: [ecrImage()],
    ...overrides,
  };
}

export function use(a: { readonly quotaUse: readonly QuotaUse[] }, api: EcrApi): QuotaUse {
  const u = a.quotaUse.find((q) => q.api === api);
  if (!u) throw new Error(`no quota use for ${api}`);
  return u;
}

/** "passed:subject" per breach, the compact form the threshold tests compare. */
export function passedSubjects(breaches: readonly { readonly passed: string; readonly subject: string }[]): string[] {
  return breaches.map((x) => `${x.passed}:${x.subject}`);
}
