import type { CauseRule } from "../types";
import { withImage } from "./shared";

/**
 * Image not found. Shapes:
 * - "manifest for public.ecr.aws/aws-ia/taskcat:latest not found: manifest unknown: Requested image
 *   not found" (github.com/aws-ia/taskcat/issues/872; the same body comes from private ECR).
 * - "failed to resolve ref <repo>:<tag>@sha256:<digest>: not found" for a digest that is gone
 *   (ECS re-resolving a tag to the digest it recorded at deployment: lifecycle-expired or archived).
 * - "API error (404): repository serverless-batch not found: does not exist or no pull access"
 *   (github.com/RafalWilinski/deploy-with-serverless/issues/11) -> repository missing.
 * - an archived image: "Requests to pull the archived image will fail with a 404 error" (ECR user
 *   guide, "Archiving an image"), so it usually reads as a digest or tag not found; the rule for
 *   messages that say "archived" is a guess at wording nobody has published (unverified).
 * Replication lag, an image pushed before replication existed and a digest never cached through
 * the cache are told apart from the config (plan-link.ts), not from the message.
 */
export const imageNotFoundRules: readonly CauseRule[] = [
  {
    id: "image-archived",
    family: "image-not-found",
    title: "Image is archived (ECR archive storage class): pulls return 404",
    when: [/archived|ImageArchived|archive storage/i],
    detail: (text) => withImage(text),
  },
  {
    id: "image-digest-not-found",
    family: "image-not-found",
    title: "Image digest not found (deleted by a lifecycle rule, archived, or never cached)",
    when: [/@sha256:[0-9a-f]{6,}/, /not found|manifest unknown|does not exist|404/i],
    detail: (text) => withImage(text),
  },
  {
    id: "image-repository-not-found",
    family: "image-not-found",
    title: "Repository not found (no cache rule for its prefix, or never created)",
    when: [/repository .*(not found|does not exist)|RepositoryNotFoundException|name unknown/i],
    detail: (text) => withImage(text),
  },
  {
    id: "image-tag-not-found",
    family: "image-not-found",
    title: "Image tag not found (never pushed, or not yet replicated to this Region)",
    when: [/manifest unknown|Requested image not found|not found|ImageNotFound|API error \(404\)/i],
    detail: (text) => withImage(text),
  },
];
