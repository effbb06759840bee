import type { CauseRule } from "../types";
import { withImage } from "./shared";

/**
 * IAM denials of the pull itself. Shapes:
 * - "not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:...:repository/... because
 *   no identity-based policy allows the ecr:BatchGetImage action" (github.com/everything2/everything2/issues/2562)
 * - "AccessDeniedException: User: arn:aws:sts::...:assumed-role/... is not authorized to perform:
 *   ecr:GetAuthorizationToken" (github.com/OvertureMaps/overture-tiles/pull/20)
 * - a first pull through the cache needs ecr:BatchImportUpstreamImage and ecr:CreateRepository
 *   (github.com/buildkite/elastic-ci-stack-for-aws/pull/1270 review; ECR pull through cache docs);
 *   CloudTrail records them as errorCode AccessDenied on eventName CreateRepository/BatchImportUpstreamImage.
 * VPC endpoint policy denials are network (network.ts), checked first.
 */
const ACTION = /not authorized to perform:?\s*([a-z0-9-]+:[A-Za-z]+)/;

function actionOf(text: string, fallback?: string): string | undefined {
  return ACTION.exec(text)?.[1] ?? fallback;
}

const DENIED = /not authorized to perform|AccessDenied/;

export const iamRules: readonly CauseRule[] = [
  {
    id: "iam-cache-import",
    family: "iam",
    title: "Execution role lacks ecr:BatchImportUpstreamImage (pull through cache)",
    when: [DENIED, /BatchImportUpstreamImage/],
    detail: (text) => withImage(text, { action: "ecr:BatchImportUpstreamImage" }),
  },
  {
    id: "iam-cache-create-repository",
    family: "iam",
    title: "Execution role lacks ecr:CreateRepository (first pull of a new image through the cache)",
    when: [DENIED, /CreateRepository/],
    detail: (text) => withImage(text, { action: "ecr:CreateRepository" }),
  },
  {
    id: "iam-repository-pull",
    family: "iam",
    title: "Execution role may not pull from the repository",
    when: [DENIED],
    detail: (text) => {
      const ct = /^(GetAuthorizationToken|BatchGetImage|GetDownloadUrlForLayer|BatchCheckLayerAvailability) AccessDenied/.exec(text)?.[1];
      const action = actionOf(text, ct ? `ecr:${ct}` : undefined);
      return withImage(text, action ? { action } : {});
    },
  },
];
