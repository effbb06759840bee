/**
 * Which upstream pulls a plan's caches make: every container image routed through a pull-through
 * cache, traced back to the cache rule that serves it (the longest prefix of its repository, as ECR
 * matches it) and the credential that rule logs in with. The input is the plan's shape, spelled out
 * here so that the pull model does not depend on the plan's types. ECR-to-ECR rules are left out:
 * their upstream is another ECR registry, priced by the ECR quotas. Pure.
 */
import { upstreamDisplayName, type UpstreamKind } from "../../facts/upstream-registries";
import type { UpstreamPlan } from "../../facts/upstream-limits";
import type { UpstreamLoginRef, UpstreamPull } from "./upstream-pulls";

interface CredentialView {
  readonly source: "create" | "existing";
  readonly secretName?: string;
  readonly secretArn?: string;
  readonly upstreamAccount?: string;
  readonly plan?: UpstreamPlan;
}

export interface CacheRuleSourceView {
  readonly kind: UpstreamKind;
  readonly prefix: string;
  readonly upstreamRegistryUrl: string;
  readonly configPath: string;
  readonly credential?: CredentialView;
}

export interface UpstreamPullPlanView {
  readonly registries: readonly { readonly account: string; readonly region: string; readonly cacheRules: readonly CacheRuleSourceView[] }[];
  readonly environments: readonly {
    readonly services: readonly {
      readonly production: { readonly cpuArchitecture: string };
      readonly containers: readonly { readonly image: { readonly route: string; readonly repositoryUri: string; readonly tag?: string; readonly digest?: string } }[];
    }[];
  }[];
}

const ECR_REPOSITORY_URI = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(.+)$/;
const ROOT_PREFIX = "ROOT";

/** The rule ECR would use for a repository: the longest prefix it starts with (ROOT matches everything, last). */
function ruleFor(repository: string, rules: readonly CacheRuleSourceView[]): { rule: CacheRuleSourceView; path: string } | undefined {
  let best: { rule: CacheRuleSourceView; path: string } | undefined;
  for (const rule of rules) {
    if (rule.prefix === ROOT_PREFIX) {
      if (!best) best = { rule, path: repository };
    } else if (repository.startsWith(`${rule.prefix}/`) && (!best || best.rule.prefix === ROOT_PREFIX || rule.prefix.length > best.rule.prefix.length)) {
      best = { rule, path: repository.slice(rule.prefix.length + 1) };
    }
  }
  return best;
}

/** Who a rule logs in as: the named upstream account, else the secret (each secret its own account), else nobody. */
export function loginOf(rule: CacheRuleSourceView, account: string, region: string): UpstreamLoginRef {
  const name = upstreamDisplayName(rule.kind);
  const dockerHub = rule.kind === "docker-hub";
  const c = rule.credential;
  const base = { dockerHub, ...(c?.plan !== undefined ? { plan: c.plan } : {}) };
  if (!c) return { key: `${rule.upstreamRegistryUrl} anonymous`, label: `${name}, no credential (AWS addresses)`, dockerHub, configPath: rule.configPath };
  const configPath = `${rule.configPath}.credential`;
  if (c.upstreamAccount !== undefined) return { ...base, key: `${rule.upstreamRegistryUrl} account ${c.upstreamAccount}`, label: `${name} account ${c.upstreamAccount}`, configPath };
  const secret = c.source === "existing" ? (c.secretArn ?? "") : `${c.secretName ?? ""} (${account}, ${region})`;
  return { ...base, key: `${rule.upstreamRegistryUrl} secret ${secret}`, label: `${name} secret ${secret}`, configPath };
}

/** Every upstream pull of the plan's caches, one per container image (duplicates are counted once by upstreamPullPools). */
export function upstreamPullsOf(plan: UpstreamPullPlanView): UpstreamPull[] {
  const rulesByCache = new Map<string, readonly CacheRuleSourceView[]>(plan.registries.map((r) => [`${r.account}/${r.region}`, r.cacheRules]));
  const pulls: UpstreamPull[] = [];
  for (const env of plan.environments) {
    for (const service of env.services) {
      for (const { image } of service.containers) {
        if (image.route !== "pull-through-cache") continue;
        const uri = ECR_REPOSITORY_URI.exec(image.repositoryUri);
        if (!uri) continue;
        const [, account, region, repository] = uri as unknown as [string, string, string, string];
        const cache = `${account}/${region}`;
        const match = ruleFor(repository, rulesByCache.get(cache) ?? []);
        if (!match || match.rule.kind === "ecr") continue;
        const reference = image.digest !== undefined ? `@${image.digest}` : image.tag !== undefined ? `:${image.tag}` : "";
        pulls.push({
          image: `${match.rule.upstreamRegistryUrl}/${match.path}${reference}`,
          pinned: image.digest !== undefined,
          architecture: service.production.cpuArchitecture,
          cache,
          login: loginOf(match.rule, account, region),
        });
      }
    }
  }
  return pulls;
}
