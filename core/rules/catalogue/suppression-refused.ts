import type { FindingDefinition } from "../../findings";

export const suppressionRefused: FindingDefinition = {
  id: "PG-SUPPRESSION-REFUSED",
  level: "warning",
  description: "A suppression names an id this catalogue does not list, or a finding that cannot be suppressed.",
  why: "Config errors would synth Terraform that AWS refuses, so they cannot be accepted; an unknown id is a typo.",
  fix: "Fix the config instead, or correct the id (docs/findings.md lists every id).",
  suppressible: false,
};
