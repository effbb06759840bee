import { accountRootArn } from "../../facts/arn";
import { ecrRepositoryArn, policyDocument, sortedUnique } from "../iam/policy";
import type { PolicyDocument, PolicyStatement } from "../model/policy-types";
import { importableRepositoryArns } from "../images/approved-repositories";
import type { CacheRuleView } from "../model/image-types";
import type { TemplateSettingsPlan } from "../model/plan-types";

/**
 * The registry stack's IAM documents as data, so the IAM tests can evaluate them: the registry
 * policy, the repository-creation-template role and the alert topic's policy.
 */

interface RegistryWhere {
  readonly account: string;
  readonly region: string;
}

/**
 * The registry's one policy (aws-facts.md: one per registry), so pullguard's statements and the
 * user's are merged into it rather than one overwriting the other. Cross-account replication needs
 * the destination to allow the source account ecr:ReplicateImage and ecr:CreateRepository.
 * Undefined when there is nothing to grant: pullguard then manages no registry policy.
 */
export function registryPolicyDocument(
  where: RegistryWhere,
  replicationSourceAccounts: readonly string[],
  statements: readonly PolicyStatement[],
  cacheRules: readonly CacheRuleView[] = [],
): PolicyDocument | undefined {
  const approved = approvedImportsStatement(where, cacheRules);
  if (replicationSourceAccounts.length === 0 && statements.length === 0 && approved === undefined) return undefined;
  const replication: PolicyStatement[] =
    replicationSourceAccounts.length === 0
      ? []
      : [
          {
            Sid: "AcceptReplication",
            Effect: "Allow",
            Principal: { AWS: replicationSourceAccounts.map((a) => accountRootArn(a, where.region)) },
            Action: ["ecr:CreateRepository", "ecr:ReplicateImage"],
            Resource: ecrRepositoryArn(where.region, where.account, "*"),
          },
        ];
  return policyDocument([...replication, ...(approved ? [approved] : []), ...statements]);
}

export const APPROVED_IMPORTS_SID = "ImportApprovedRepositoriesOnly";

/** Sids pullguard's registry policy uses itself (the cache grant is core/images/own-images.ts's): a user statement may not take one. */
export const REGISTRY_POLICY_OWN_SIDS: ReadonlySet<string> = new Set(["AcceptReplication", "PullThroughCacheFromDownstream", APPROVED_IMPORTS_SID]);

/**
 * When a cache rule lists approved repositories, no principal of any account may import anything
 * else through the cache: ECR enforces the registry policy on every ECR request and an explicit
 * Deny wins over any Allow (aws-facts.md, "Approved repositories"). Only ecr:BatchImportUpstreamImage
 * is denied: a registry-wide Deny of ecr:CreateRepository outside the list would also refuse
 * replication and a pipeline creating its own repositories, and a created repository without an
 * import stays empty. Rules without a list keep their whole prefix importable.
 */
export function approvedImportsStatement(where: RegistryWhere, cacheRules: readonly CacheRuleView[]): PolicyStatement | undefined {
  if (!cacheRules.some((r) => r.allowedRepositories !== undefined)) return undefined;
  return {
    Sid: APPROVED_IMPORTS_SID,
    Effect: "Deny",
    Principal: "*",
    Action: "ecr:BatchImportUpstreamImage",
    NotResource: sortedUnique(cacheRules.flatMap((r) => importableRepositoryArns(r, where))),
  };
}

/** aws-facts.md: KMS keys or resource tags in a creation template need a role ECR can assume. */
export function templateRolePolicies(where: RegistryWhere, encryption: TemplateSettingsPlan["encryption"]): { readonly trustPolicy: PolicyDocument; readonly policy: PolicyDocument } {
  return {
    trustPolicy: policyDocument([
      {
        Effect: "Allow",
        Principal: { Service: "ecr.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": where.account } },
      },
    ]),
    policy: policyDocument([
      {
        Sid: "CreateRepositories",
        Effect: "Allow",
        Action: ["ecr:CreateRepository", "ecr:ReplicateImage", "ecr:TagResource"],
        Resource: ecrRepositoryArn(where.region, where.account, "*"),
      },
      ...(encryption.type === "KMS"
        ? [{ Sid: "EncryptRepositories", Effect: "Allow" as const, Action: ["kms:CreateGrant", "kms:DescribeKey", "kms:RetireGrant"], Resource: encryption.kmsKeyArn }]
        : []),
    ]),
  };
}

/** CloudWatch alarms and EventBridge rules of this account publish to the alert topic; no one else. */
export function alertTopicPolicy(account: string, topicArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "EventBridgeAndCloudWatchPublish",
      Effect: "Allow",
      Principal: { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { StringEquals: { "aws:SourceAccount": account } },
    },
  ]);
}
