/** Public surface of core/diagnose (pure: no AWS SDK, no cdktf). */
export { classify, classifyAll } from "./classify";
export { CAUSE_RULES } from "./causes";
export { diagnose, type DiagnoseOptions } from "./diagnose";
export { formatJson, formatMarkdown, formatText } from "./format";
export { linkPlan, type PlanLink, type ServiceLink } from "./plan-link";
export { readDocument, readEvidenceFile, type EvidenceFormat, type ReadResult } from "./readers";
export type * from "./types";
