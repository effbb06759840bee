import type { FindingDefinition } from "../../model/findings";

export const imageNotApproved: FindingDefinition = {
  id: "PG-IMAGE-NOT-APPROVED",
  level: "error",
  description: "An image is outside its cache rule's approved upstream repositories (`allowedRepositories`).",
  why: "With a public registry a misspelt name is someone else's image: the cache would import it and the task would run it. The rule's list names the only repositories it may cache.",
  fix: "Correct the image name (the message names the approved repository it is closest to), or add the repository to the rule's allowedRepositories after reviewing it.",
  suppressible: false,
};
