import type { EventPattern } from "../model/service-types";

/**
 * The subset of Amazon EventBridge event-pattern matching that pullguard's own patterns use, so
 * tests can run a rendered pattern against real events (docs/aws-facts.md, "EventBridge"):
 *
 * - every field of a pattern object must match (AND); `$or` holds alternative patterns;
 * - a pattern array lists allowed values (OR): exact strings, `{ "prefix": s }`, `{ "wildcard": s }`;
 * - a nested pattern object matches a nested event object;
 * - an event array matches when any element does (EventBridge matches arrays element-wise);
 * - a field the event lacks never matches.
 *
 * Anything else (numeric, anything-but, exists, cidr, escaped `\*`) is refused with an error, so a
 * pattern that grows an operator this matcher does not know cannot pass its tests silently.
 */


function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `*` matches any run of characters, nothing else is special. */
function wildcardMatches(wildcard: string, value: string): boolean {
  if (wildcard.includes("\\")) throw new Error(`escaped wildcards are not supported here: ${wildcard}`);
  const source = wildcard
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[\\s\\S]*");
  return new RegExp(`^${source}$`).test(value);
}

function leafMatches(leaf: unknown, value: unknown): boolean {
  if (typeof leaf === "string") return value === leaf;
  if (isRecord(leaf)) {
    const keys = Object.keys(leaf);
    if (keys.length === 1 && typeof leaf.prefix === "string") return typeof value === "string" && value.startsWith(leaf.prefix);
    if (keys.length === 1 && typeof leaf.wildcard === "string") return typeof value === "string" && wildcardMatches(leaf.wildcard, value);
  }
  throw new Error(`unsupported pattern value: ${JSON.stringify(leaf)}`);
}

/** The values of `field` in an event value, arrays of objects and arrays of values flattened. */
function fieldValues(value: unknown, field: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((element) => fieldValues(element, field));
  if (!isRecord(value) || !(field in value)) return [];
  const found = value[field];
  return Array.isArray(found) ? found : [found];
}

function objectMatches(pattern: Readonly<Record<string, unknown>>, value: unknown): boolean {
  for (const [field, expected] of Object.entries(pattern)) {
    if (field === "$or") {
      if (!Array.isArray(expected) || expected.length < 2) throw new Error("$or needs at least two alternatives");
      if (!expected.some((alternative) => isRecord(alternative) && objectMatches(alternative, value))) return false;
      continue;
    }
    const values = fieldValues(value, field);
    if (Array.isArray(expected)) {
      if (!values.some((v) => expected.some((leaf) => leafMatches(leaf, v)))) return false;
    } else if (isRecord(expected)) {
      if (!values.some((v) => isRecord(v) && objectMatches(expected, v))) return false;
    } else {
      throw new Error(`pattern field ${field} must be an array or an object`);
    }
  }
  return true;
}

/** Whether EventBridge would deliver `event` to a rule with `pattern` (within the subset above). */
export function eventMatches(pattern: EventPattern, event: unknown): boolean {
  return objectMatches(pattern, event);
}
