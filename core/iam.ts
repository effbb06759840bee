/**
 * IAM policy documents as plain data. They are built here, outside cdktf, so that tests can
 * evaluate them (is this call allowed?); modules render them with `jsonDocument` (modules/json-document.ts).
 */

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

export function ecrRepositoryArn(region: string, account: string, repository: string): string {
  return `arn:aws:ecr:${region}:${account}:repository/${repository}`;
}

export function logGroupArn(region: string, account: string, logGroupName: string): string {
  return `arn:aws:logs:${region}:${account}:log-group:${logGroupName}`;
}

/** Unique, sorted: the same config must give byte-identical policies. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

function asList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : value;
}

function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) return pattern === value;
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return regex.test(value);
}

/**
 * Whether an identity policy allows `action` on `resource`, ignoring conditions: enough to test
 * what a role can and cannot do. IAM action names are case-insensitive, resources are not.
 */
export function isAllowed(document: PolicyDocument, action: string, resource: string): boolean {
  let allowed = false;
  for (const statement of document.Statement) {
    const actionMatches = asList(statement.Action).some((a) => globMatches(a.toLowerCase(), action.toLowerCase()));
    const resourceMatches = asList(statement.Resource).some((r) => globMatches(r, resource));
    if (!actionMatches || !resourceMatches) continue;
    if (statement.Effect === "Deny") return false;
    allowed = true;
  }
  return allowed;
}
