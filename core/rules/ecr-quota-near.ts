import type { Rule } from "./rule";
import * as catalogue from "./catalogue";
import { serviceHits } from "./support/quota-breaches";

export const ecrQuotaNear: Rule = {
  definition: catalogue.ecrQuotaNear,
  check: (ctx) => serviceHits(ctx, (f) => f.passed === "margin"),
};
