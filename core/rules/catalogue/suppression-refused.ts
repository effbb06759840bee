import type { PlanningFindingDefinition } from "../../model/findings";

export const suppressionRefused: PlanningFindingDefinition = {
  id: "PG-SUPPRESSION-REFUSED",
  level: "warning",
  description: "A suppression names an id this catalogue does not list, or a finding that cannot be suppressed.",
  why: "A config error means pullguard cannot synth what the config asks for (or AWS would refuse it), so it cannot be accepted; an unknown id is a typo that would silence nothing.",
  fix: "Fix the config instead, or correct the id (docs/findings.md lists every id).",
  suppressible: false,
  raisedWhilePlanning: "it stays outside the pack: suppressions judge the pack's findings after the pack has run (core/plan/suppressions.ts), and a pack rule sees the plan without its findings",
};
