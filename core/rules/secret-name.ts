import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { sightings } from "./support/secret-sightings";

/** An environment variable named like a secret (DB_PASSWORD, GITHUB_TOKEN) with a value. */
export const secretByName: Rule = { definition: catalogue.secretName, check: (ctx) => sightings(catalogue.secretName, ctx) };
