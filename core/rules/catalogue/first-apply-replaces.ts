import type { FindingDefinition } from "../../model/findings";

export const firstApplyReplaces: FindingDefinition = {
  id: "PG-FIRST-APPLY-REPLACES",
  level: "warning",
  description: "Importing an existing registry setting replaces it on the first apply.",
  why: "Terraform applies pullguard's configuration over the imported one; what the message names changes.",
  fix: "Check the named setting before the first apply; suppress once accepted.",
  suppressible: true,
};
