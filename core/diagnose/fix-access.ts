import { ecrRepositoryArn } from "../../facts/ecr";
import { FIXED_HOST_UPSTREAMS, upstreamRegistry } from "../../facts/upstream-registries";
import { ecrRepositoryIn } from "./causes/registry-access";
import { cachePath, iamFix, type FixInput } from "./fixes";
import type { ServiceLink } from "./plan-link";
import type { Fix } from "./types";

const IMPORT_ACTIONS = ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"] as const;

/**
 * A 403 through the cache has three known causes, in the order they are checked: the pulling role
 * may not import a never-cached image (ecr:BatchImportUpstreamImage, and ecr:CreateRepository for
 * its first repository: ECR user guide, pull through cache IAM), the rule's upstream credential is
 * missing or wrong, or the repository creation template's role cannot act (templates need a role
 * for tags or a KMS key: ECR user guide, repository creation templates).
 */
function cacheForbiddenFixes(input: FixInput): Fix[] {
  const { link, detail, text } = input;
  const found = ecrRepositoryIn(text);
  const prefix = detail.cachePrefix ?? "";
  const repositoryArn = found ? ecrRepositoryArn(found.region, found.account, found.repository) : undefined;
  const missing = IMPORT_ACTIONS.filter((a) => !(repositoryArn !== undefined && link.allows(a, repositoryArn)));
  const fixes: Fix[] = [
    {
      configPath: link.configPath,
      change: `execution role ${link.executionRoleName} allows ${IMPORT_ACTIONS.join(" and ")}${repositoryArn ? ` on ${repositoryArn}` : ""}`,
      explanation: `the first pull of an image the cache has never stored imports it, which needs ecr:BatchImportUpstreamImage, and ecr:CreateRepository while its repository does not exist; ${
        missing.length === 0 ? "the role this config generates grants both: apply the environment stack" : `the role this config generates lacks ${missing.join(" and ")} there: the image must be one of the service's images under the ${prefix}/ prefix`
      }`,
      status: missing.length === 0 ? "fixed" : "not-fixed",
    },
  ];
  const rule = [...link.cacheRules].sort((a, b) => b.prefix.length - a.prefix.length).find((r) => prefix === r.prefix);
  const upstream = rule ? upstreamRegistry(rule.kind as Parameters<typeof upstreamRegistry>[0]) : FIXED_HOST_UPSTREAMS.find((u) => u.defaultPrefix === prefix);
  if (upstream?.needsCredential) {
    const secret = rule?.secretName ?? rule?.secretArn ?? `ecr-pullthroughcache/${prefix}`;
    fixes.push({
      configPath: `${rule?.configPath ?? cachePath(link, upstream.kind)}.credential`,
      change: `aws secretsmanager put-secret-value --secret-id ${secret} --secret-string '{"username":"...","accessToken":"..."}'`,
      explanation: `ECR signs in to ${upstream.displayName} with the rule's secret when it imports the image; a missing, empty or wrong secret fails the import${rule ? "" : `; this config creates no rule for the ${prefix}/ prefix`}`,
      status: "unknown",
    });
  } else if (rule?.kind === "ecr") {
    fixes.push({ configPath: `${rule.configPath}.roleArn`, change: "a role ECR can assume to read the upstream registry", explanation: "an ECR-to-ECR rule reads the upstream registry with its role; the upstream registry's policy must allow it", status: "unknown" });
  }
  fixes.push(templateRoleFix(link, prefix));
  return fixes;
}

function templateRoleFix(link: ServiceLink, prefix: string): Fix {
  const path = `accounts.${link.accountAlias}.registry.repositoryTemplates`;
  if (link.templateRoleName === undefined) {
    return { configPath: path, change: "no template role (no resourceTags, AES256 encryption)", explanation: `this config's templates need no role; a role set outside pullguard on the ${prefix}/ template that ECR cannot assume fails the first pull`, status: "unknown" };
  }
  return {
    configPath: path,
    change: `role ${link.templateRoleName} (ECR assumes it to tag or encrypt the repositories it creates)`,
    explanation: `ECR creates the ${prefix}/ repository with the template's tags or KMS key by assuming this role; it must exist, trust ecr.amazonaws.com and allow ecr:CreateRepository and ecr:TagResource (and the key's grants): pullguard creates it with the registry stack, apply that first`,
    status: "unknown",
  };
}

/** A 403 on a plain repository: the role may not pull, or the repository's own policy refuses (another account's). */
function repositoryForbiddenFixes(input: FixInput): Fix[] {
  const { link, text, detail } = input;
  const found = ecrRepositoryIn(text);
  const fixes = [iamFix(link, "ecr:BatchGetImage", detail.image)];
  if (found && link.account !== undefined && found.account !== link.account) {
    fixes.push({
      configPath: `${link.configPath}.image`,
      change: `a repository policy in account ${found.account} that allows account ${link.account} to pull ${found.repository}`,
      explanation: "the repository is in another account: its owner's repository policy decides, and pullguard cannot change it",
      status: "unknown",
    });
  }
  return fixes;
}

/** Fixes for the registry-access causes, first the likeliest; undefined for any other cause. */
export function accessFixes(input: FixInput): Fix[] | undefined {
  switch (input.id) {
    case "ptc-forbidden":
      return cacheForbiddenFixes(input);
    case "ecr-forbidden":
      return repositoryForbiddenFixes(input);
    case "registry-unauthenticated": {
      const ecr = input.detail.image !== undefined && ecrRepositoryIn(input.detail.image) !== undefined;
      if (ecr) return [iamFix(input.link, "ecr:GetAuthorizationToken", input.detail.image)];
      return [{ configPath: cachePath(input.link), change: "pull it through the cache, with the registry's credential on the rule", explanation: "the registry wants credentials the task does not send; through the cache ECR signs in with the rule's secret", status: "unknown" }];
    }
    default:
      return undefined;
  }
}
