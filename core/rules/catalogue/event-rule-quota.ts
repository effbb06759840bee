import type { FindingDefinition } from "../../model/findings";

export const eventRuleQuota: FindingDefinition = {
  id: "PG-EVENT-RULE-QUOTA",
  level: "warning",
  description: "pullguard's EventBridge rules in one account and Region (one per service, one per environment that notifies) pass the default rules-per-bus quota.",
  why: "The default event bus holds 300 rules per account and Region (100 in af-south-1 and eu-south-1) unless the quota is raised; past it, creating the next rule fails the apply, and rules of your own count too (docs/aws-facts.md, \"EventBridge\").",
  fix: "Request an increase of the EventBridge \"Number of rules\" quota in that account and Region before applying, or split the services over accounts.",
  suppressible: true,
};
