/** IAM policy documents, their evaluation (diagnose uses it at run time) and the execution-role plan. What the rest of the project may import from here. */
export * from "./evaluation";
export * from "./execution-role-plan";
export * from "./policy";
export * from "./size";
// Policy documents are types of the plan (core/model/policy-types.ts); callers still find them here.
export type { PolicyDocument, PolicyStatement } from "../model/policy-types";
