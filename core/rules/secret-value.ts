import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { sightings } from "./support/secret-sightings";

/** A value that looks like a secret (a key, a token, a password argument) in the environment or a command line. */
export const secretByValue: Rule = { definition: catalogue.secretValue, check: (ctx) => sightings(catalogue.secretValue, ctx) };
