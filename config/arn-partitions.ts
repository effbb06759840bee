import type { z } from "zod";
import { parseArn, partitionMismatch } from "../facts/arn";

/**
 * An ARN names something in one partition, and a stack reaches only its own Region's partition:
 * a role, secret or target group in aws-cn is nothing to a service in us-east-1. The field
 * validators check an ARN against its own Region field (config/primitives.ts `arnString`); these
 * cross-checks compare each ARN with the Regions it is used in, which IAM ARNs (no Region field)
 * and ARNs copied from another partition can only fail here. One line at the ARN's path.
 */

type Ctx = z.core.$RefinementCtx;
type Path = Array<string | number>;

/** The team's own strings (container environment, commands, tags): passed through, never judged. */
const FREE_TEXT_KEYS: ReadonlySet<string> = new Set(["environment", "command", "entryPoint", "tags", "resourceTags"]);

function* arnsIn(value: unknown, path: Path): Generator<[Path, string]> {
  if (typeof value === "string") {
    if (value.startsWith("arn:")) yield [path, value];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* arnsIn(value[i], [...path, i]);
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) if (!FREE_TEXT_KEYS.has(key)) yield* arnsIn(child, [...path, key]);
  }
}

/** The first of `regions` whose partition the ARN is not in, as an issue at `path`. */
function checkUsedIn(path: Path, text: string, regions: readonly string[], ctx: Ctx): void {
  const parsed = parseArn(text);
  if (!parsed) return;
  for (const region of regions) {
    const problem = partitionMismatch(parsed, region);
    if (problem) {
      ctx.addIssue({ code: "custom", path, message: problem });
      return;
    }
  }
}

interface EnvironmentView {
  readonly regions: Readonly<Record<string, unknown>>;
  readonly services: Readonly<Record<string, unknown>>;
}

/** A service's ARNs are used in every Region of its environment; a per-Region override only in its Region. */
export function checkEnvironmentArnPartitions(env: EnvironmentView, ctx: Ctx): void {
  const regions = Object.keys(env.regions);
  for (const [path, text] of arnsIn(env.services, ["services"])) checkUsedIn(path, text, regions, ctx);
  for (const region of regions) {
    for (const [path, text] of arnsIn(env.regions[region], ["regions", region])) checkUsedIn(path, text, [region], ctx);
  }
}

interface EcrUpstreamView {
  readonly region: string;
  readonly roleArn?: string;
}

interface AccountView {
  readonly assumeRole?: { readonly roleArn: string };
  readonly registry?: { readonly pullThroughCache: { readonly ecr: Readonly<Record<string, EcrUpstreamView>> } };
}

interface PlatformView {
  readonly accounts: Readonly<Record<string, AccountView>>;
  readonly environments: Readonly<Record<string, { readonly account: string; readonly regions: Readonly<Record<string, unknown>> }>>;
}

/**
 * The role a deploy assumes is used in every Region the account's environments run in; an
 * ECR-to-ECR rule's role reads an upstream in the upstream's Region, and ECR does not cache
 * across partitions.
 */
export function checkAccountArnPartitions(config: PlatformView, ctx: Ctx): void {
  for (const [alias, account] of Object.entries(config.accounts)) {
    if (account.assumeRole) {
      const regions = Object.values(config.environments).flatMap((env) => (env.account === alias ? Object.keys(env.regions) : []));
      checkUsedIn(["accounts", alias, "assumeRole", "roleArn"], account.assumeRole.roleArn, regions, ctx);
    }
    for (const [prefix, upstream] of Object.entries(account.registry?.pullThroughCache.ecr ?? {})) {
      if (upstream.roleArn) checkUsedIn(["accounts", alias, "registry", "pullThroughCache", "ecr", prefix, "roleArn"], upstream.roleArn, [upstream.region], ctx);
    }
  }
}
