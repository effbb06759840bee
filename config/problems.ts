import type { z } from "zod";
import { showInvisible } from "./visible-text";

/** One thing wrong with a config, addressed by its path: `environments.prod.services.api.desiredCount`. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

export type PathSegment = string | number | symbol;

/** How much of one config value (a key, a string, an image reference) a message quotes. */
export const QUOTED_VALUE_LIMIT = 80;

/**
 * A config value as a message quotes it: whole up to QUOTED_VALUE_LIMIT characters (code points),
 * else its beginning and its length, `aaaa…(3000000 chars)`. A 3 MB key is a short line.
 * The one helper for every value quoted in a problem or a finding.
 */
export function shortValue(text: string, limit = QUOTED_VALUE_LIMIT): string {
  if (text.length <= limit) return text;
  let head = "";
  let count = 0;
  for (const char of text) {
    if (count < limit) head += char;
    count++;
  }
  return count <= limit ? text : `${head}…(${count} chars)`;
}

/** A value in double quotes, cut by shortValue: `"nginx:latest"`. */
export function quoted(text: string): string {
  return `"${shortValue(text)}"`;
}

/** Any input value as JSON (what "got ..." shows), cut by shortValue. */
export function quotedJson(value: unknown): string {
  return shortValue(JSON.stringify(value) ?? String(value));
}

export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? shortValue(String(segment)) : `.${shortValue(String(segment))}`;
  }
  return out === "" ? "(config)" : out;
}

/**
 * Line breaks inside a value (a YAML key, an image string) would split one problem over lines;
 * a zero-width space or a control character would print as nothing (visible-text.ts).
 */
export function oneLine(text: string): string {
  return showInvisible(text.replace(/\r\n|\r|\n/g, "\\n"));
}

/** The most one problem or finding line may hold: a backstop for a value no site cut. */
export const LINE_LIMIT = 2000;

/** One line, at most LINE_LIMIT characters: what every problem and finding message becomes. */
export function boundedLine(text: string): string {
  return oneLine(shortValue(text, LINE_LIMIT));
}

export function problemLine(problem: ConfigProblem): string {
  return boundedLine(`${problem.path}: ${problem.message}`);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Edit distance, for "did you mean" on unknown keys: a typo is the most common config error. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

export function suggestion(key: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(key.length / 3));
  for (const candidate of candidates) {
    // The distance is at least the length difference: skip the quadratic work (a 3 MB key).
    if (Math.abs(key.length - candidate.length) > limit) continue;
    const d = distance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= limit ? ` (did you mean "${best}"?)` : "";
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment as PropertyKey];
  }
  return node;
}

/**
 * Turns zod issues into one line each, worded for people editing YAML. `knownKeys` maps an object
 * path to its allowed keys so that unknown keys get a suggestion.
 */
export function problemsFromZod(error: z.ZodError, input: unknown, knownKeys: (path: readonly PathSegment[]) => readonly string[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  const add = (path: readonly PathSegment[], message: string) => {
    const line = `${formatPath(path)}\u0000${message}`;
    if (seen.has(line)) return;
    seen.add(line);
    problems.push({ path: formatPath(path), message });
  };
  for (const issue of error.issues) {
    const path = issue.path;
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) add([...path, key], `unknown key${suggestion(key, knownKeys(path))}`);
        break;
      case "invalid_type": {
        const actual = valueAt(input, path);
        if (actual === undefined) add(path, "is required");
        // A schema may word its own type error (zod's default begins "Invalid input").
        else if (!issue.message.startsWith("Invalid input")) add(path, issue.message);
        else add(path, `must be ${article(issue.expected)} (got ${describeType(actual)})`);
        break;
      }
      case "too_small":
        add(path, tooSmall(issue as z.core.$ZodIssueTooSmall));
        break;
      case "too_big":
        add(path, tooBig(issue as z.core.$ZodIssueTooBig));
        break;
      case "invalid_value":
        add(path, `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")} (got ${quotedJson(valueAt(input, path))})`);
        break;
      case "invalid_key":
        // A record key failed its own schema (a Region, a service name, ...): the key's own
        // message is the useful one, not zod's generic "Invalid key in record".
        for (const inner of issue.issues) add([...path, ...inner.path], innerMessage(inner));
        break;
      case "invalid_union": {
        const union = issue as { note?: string; discriminator?: string; options?: readonly unknown[] };
        const actual = valueAt(input, path);
        if (union.note === "No matching discriminator" && actual !== null && typeof actual === "object") {
          add(path, `has no valid ${String(union.discriminator ?? "type")}`);
        } else if (union.note === "No matching discriminator") {
          // zod 4 puts the discriminator key itself on the path: `backend.type`.
          const allowed = (union.options ?? []).map((v) => JSON.stringify(v)).join(", ");
          add(path, actual === undefined ? "is required" : `must be one of ${allowed} (got ${quotedJson(actual)})`);
        } else {
          // For an object, report the branch that got past the type check: for `true | { prefix }`
          // that is the object branch; failing that, the branch with the most issues.
          const branches = issue.errors;
          const chosen =
            actual !== null && typeof actual === "object"
              ? (branches.find((b) => b.some((i) => i.code !== "invalid_type" || i.path.length > 0)) ?? branches.slice().sort((a, b) => b.length - a.length)[0])
              : undefined;
          if (chosen && chosen.length > 0) {
            for (const inner of chosen) add([...path, ...inner.path], inner.message);
          } else {
            add(path, actual === undefined ? "is required" : `has an invalid value (got ${quotedJson(actual)})`);
          }
        }
        break;
      }
      case "invalid_format":
      case "custom":
      default:
        add(path, issue.message);
    }
  }
  return problems;
}

/** Messages of issues nested in another issue (record keys): no input value to inspect there. */
function innerMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_small") return tooSmall(issue as z.core.$ZodIssueTooSmall);
  if (issue.code === "too_big") return tooBig(issue as z.core.$ZodIssueTooBig);
  return issue.message;
}

function article(type: string): string {
  // A zod record is what YAML calls a mapping and JSON an object.
  const noun = type === "int" ? "an integer" : type === "object" || type === "record" ? "an object" : type === "array" ? "a list" : `a ${type}`;
  return noun;
}

function tooSmall(issue: z.core.$ZodIssueTooSmall): string {
  if (issue.message && !issue.message.startsWith("Too small")) return issue.message;
  const min = Number(issue.minimum);
  switch (issue.origin) {
    case "string":
      return min <= 1 ? "must not be empty" : `must be at least ${min} characters`;
    case "array":
      return `must list at least ${min} item${min === 1 ? "" : "s"}`;
    default:
      return issue.inclusive ? `must be at least ${min}` : `must be greater than ${min}`;
  }
}

function tooBig(issue: z.core.$ZodIssueTooBig): string {
  if (issue.message && !issue.message.startsWith("Too big")) return issue.message;
  const max = Number(issue.maximum);
  switch (issue.origin) {
    case "string":
      return `must be at most ${max} characters`;
    case "array":
      return `must list at most ${max} items`;
    default:
      return issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
  }
}
