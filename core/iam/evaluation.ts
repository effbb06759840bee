import type { PolicyDocument, PolicyStatement } from "../model/policy-types";

/**
 * IAM policy evaluation for one policy document, as AWS documents it ("Policy evaluation logic",
 * "IAM JSON policy elements: Condition operators", "Conditions with multiple context keys or
 * values"): an explicit Deny wins, otherwise any matching Allow allows, otherwise the request is
 * implicitly denied. Run-time code, not a test helper: `pullguard diagnose` asks it whether the
 * planned execution role allows a failed pull (core/diagnose/plan-link.ts), and tests ask it what a
 * role, an endpoint policy or a registry policy really permits. Condition operators it does not
 * implement throw rather than being ignored, so neither a diagnosis nor a test can pass because a
 * condition was skipped.
 */

export interface RequestPrincipal {
  /** `AWS` for IAM roles, users and accounts; `Service` for AWS service principals. */
  readonly type: "AWS" | "Service" | "Federated";
  /** A role or user ARN, an account root ARN, or a service principal such as `ecs-tasks.amazonaws.com`. */
  readonly id: string;
}

export interface AccessRequest {
  readonly action: string;
  readonly resource: string;
  /** Needed to evaluate resource policies and trust policies; identity policies ignore it. */
  readonly principal?: RequestPrincipal;
  /** Request context keys, e.g. `aws:PrincipalAccount`, `aws:SourceAccount`. Keys are case-insensitive. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

export type Decision = "allow" | "explicit-deny" | "implicit-deny";

function asList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : value;
}

/** IAM wildcards: `*` any run of characters, `?` one character; everything else literal. */
export function wildcardMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, ignoreCase ? "is" : "s").test(value);
}

/** ArnLike/ArnEquals: each of the six colon-delimited parts is matched on its own. */
function arnMatches(pattern: string, value: string): boolean {
  const p = pattern.split(":");
  const v = value.split(":");
  if (p.length < 6 || v.length < 6) return false;
  const head = (parts: string[]) => [...parts.slice(0, 5), parts.slice(5).join(":")];
  const [hp, hv] = [head(p), head(v)];
  return hp.every((part, i) => wildcardMatches(part, hv[i]!));
}

function accountOf(arn: string): string | undefined {
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

function principalMatches(element: PolicyStatement["Principal"], principal: RequestPrincipal | undefined): boolean {
  if (element === "*") return true;
  if (element === undefined) return true;
  const entries = asList(element[principal?.type ?? "AWS"]);
  if (entries.includes("*")) return true;
  if (principal === undefined) throw new Error("the statement names a Principal: pass the request's principal to evaluate it");
  return entries.some((entry) => {
    if (entry === principal.id) return true;
    if (principal.type !== "AWS") return false;
    // An account (bare id or root ARN) stands for every principal in that account.
    const account = /^\d{12}$/.test(entry) ? entry : /^arn:[^:]+:iam::(\d{12}):root$/.exec(entry)?.[1];
    return account !== undefined && accountOf(principal.id) === account;
  });
}

type ValueTest = (policyValue: string, requestValue: string) => boolean;

const MATCHERS: Readonly<Record<string, { test: ValueTest; negated: boolean }>> = {
  StringEquals: { test: (p, r) => p === r, negated: false },
  StringNotEquals: { test: (p, r) => p === r, negated: true },
  StringEqualsIgnoreCase: { test: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { test: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: true },
  StringLike: { test: (p, r) => wildcardMatches(p, r), negated: false },
  StringNotLike: { test: (p, r) => wildcardMatches(p, r), negated: true },
  ArnEquals: { test: arnMatches, negated: false },
  ArnLike: { test: arnMatches, negated: false },
  ArnNotEquals: { test: arnMatches, negated: true },
  ArnNotLike: { test: arnMatches, negated: true },
  Bool: { test: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
  NumericEquals: { test: (p, r) => Number(r) === Number(p), negated: false },
  NumericNotEquals: { test: (p, r) => Number(r) === Number(p), negated: true },
  NumericLessThan: { test: (p, r) => Number(r) < Number(p), negated: false },
  NumericLessThanEquals: { test: (p, r) => Number(r) <= Number(p), negated: false },
  NumericGreaterThan: { test: (p, r) => Number(r) > Number(p), negated: false },
  NumericGreaterThanEquals: { test: (p, r) => Number(r) >= Number(p), negated: false },
};

function contextValues(context: AccessRequest["context"], key: string): readonly string[] | undefined {
  if (context === undefined) return undefined;
  const found = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : asList(context[found]);
}

/** One operator with one key: the rules for absent keys, IfExists, set operators and negation. */
function conditionHolds(operatorName: string, key: string, policyValues: readonly string[], context: AccessRequest["context"]): boolean {
  const values = contextValues(context, key);
  if (operatorName === "Null") {
    const wantsAbsent = policyValues.some((v) => v.toLowerCase() === "true");
    return wantsAbsent === (values === undefined || values.length === 0);
  }
  const set = /^(ForAllValues|ForAnyValue):/.exec(operatorName)?.[1];
  const bare = operatorName.replace(/^(ForAllValues|ForAnyValue):/, "");
  const ifExists = bare.endsWith("IfExists");
  const matcher = MATCHERS[ifExists ? bare.slice(0, -"IfExists".length) : bare];
  if (matcher === undefined) throw new Error(`condition operator ${operatorName} is not implemented by this evaluator`);
  const matchesAny = (value: string) => policyValues.some((p) => matcher.test(p, value));

  if (values === undefined || values.length === 0) {
    if (set === "ForAllValues") return true;
    if (set === "ForAnyValue") return false;
    return ifExists || matcher.negated;
  }
  if (set === "ForAllValues") return values.every((v) => matchesAny(v) !== matcher.negated);
  if (set === "ForAnyValue") return values.some((v) => matchesAny(v) !== matcher.negated);
  // Several values for one key are ORed; a negated operator is a NOR over them.
  const matched = values.some(matchesAny);
  return matcher.negated ? !matched : matched;
}

function conditionsHold(statement: PolicyStatement, context: AccessRequest["context"]): boolean {
  return Object.entries(statement.Condition ?? {}).every(([operatorName, keys]) =>
    Object.entries(keys).every(([key, values]) => conditionHolds(operatorName, key, asList(values), context)),
  );
}

function statementApplies(statement: PolicyStatement, request: AccessRequest): boolean {
  const action = request.action;
  const actionMatches =
    statement.NotAction !== undefined
      ? !asList(statement.NotAction).some((a) => wildcardMatches(a, action, true))
      : asList(statement.Action).some((a) => wildcardMatches(a, action, true));
  if (!actionMatches) return false;
  // A statement without Resource or NotResource is a resource or trust policy's: it covers the resource it is attached to.
  const resourceMatches =
    statement.NotResource !== undefined
      ? !asList(statement.NotResource).some((r) => wildcardMatches(r, request.resource))
      : statement.Resource === undefined || asList(statement.Resource).some((r) => wildcardMatches(r, request.resource));
  if (!resourceMatches) return false;
  if (statement.NotPrincipal !== undefined && principalMatches(statement.NotPrincipal, request.principal)) return false;
  if (!principalMatches(statement.Principal, request.principal)) return false;
  return conditionsHold(statement, request.context);
}

export function evaluatePolicy(document: PolicyDocument, request: AccessRequest): Decision {
  let decision: Decision = "implicit-deny";
  for (const statement of document.Statement) {
    if (!statementApplies(statement, request)) continue;
    if (statement.Effect === "Deny") return "explicit-deny";
    decision = "allow";
  }
  return decision;
}

/** Whether a policy allows `action` on `resource` for a request with this context. */
export function isAllowed(document: PolicyDocument, action: string, resource: string, context?: AccessRequest["context"]): boolean {
  return evaluatePolicy(document, { action, resource, ...(context ? { context } : {}) }) === "allow";
}
