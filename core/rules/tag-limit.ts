import { MAX_TAGS_PER_RESOURCE, RESERVED_TAG_KEYS } from "../../config/primitives";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/** default_tags merge the platform's and the environment's tags with pullguard's own three; AWS allows 50. */
export const tagLimit: Rule = {
  definition: catalogue.tagLimit,
  check: ({ plan }) =>
    plan.environments
      .map((env) => ({ env, count: Object.keys(env.tags).length + RESERVED_TAG_KEYS.length }))
      .filter(({ count }) => count > MAX_TAGS_PER_RESOURCE)
      .map(({ env, count }) => ({
        stack: env.stackName,
        path: `environments.${env.environment}.tags`,
        message: `with the platform's tags and pullguard's own gives ${count} tags per resource; AWS allows ${MAX_TAGS_PER_RESOURCE}`,
      })),
};
