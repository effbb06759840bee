import type { PlanningFindingDefinition } from "../../model/findings";

export const sharedVpcEndpoint: PlanningFindingDefinition = {
  id: "PG-SHARED-VPC-ENDPOINT",
  level: "error",
  description: "Environments sharing a VPC name different existing endpoints for one service.",
  why: "A VPC has one interface endpoint per service with private DNS (docs/aws-facts.md, \"VPC endpoints\").",
  fix: "Name the same endpoint id in every environment of that VPC.",
  suppressible: false,
  raisedWhilePlanning: "the plan keeps one endpoint per service of a shared VPC, the first id named, so no environment plan holds the other id to judge",
};
