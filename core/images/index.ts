/** Image references: parsing, rewriting through pull-through cache rules, the platform's own images, each service's images. What the rest of the project may import from here. */
export * from "./images";
export * from "./own-images";
export * from "./reference";
export * from "./reference-rewrite";
export * from "./approved-repositories";
// A cache rule as image resolution reads it is a type of the plan (core/model/image-types.ts); callers still find it here.
export type { CacheRuleView } from "../model/image-types";
