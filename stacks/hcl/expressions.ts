import { parseJsonDocumentMark } from "../../modules/json-document";

/**
 * Terraform JSON values as HCL native syntax, laid out the way `terraform fmt` leaves them (it
 * only re-spaces, so anything it would change is a bug here: the HCL test runs `fmt -check`).
 * Strings in Terraform JSON are templates with the same `${...}`/`%{...}` sequences as native
 * quoted templates, so a string converts by escaping the literal text around its sequences.
 */

/** Rendered lines of one value; lines after the first are relative to the line it starts on. */
export type Lines = readonly string[];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A list of scalars stays on one line while it fits; longer ones get one element per line. */
const ONE_LINE_LIST_LIMIT = 80;

/** Index just past the `}` that closes the template sequence whose body starts at `start`. */
function sequenceEnd(text: string, start: number): number {
  let depth = 1;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  throw new Error(`unterminated template sequence in ${JSON.stringify(text)}`);
}

function escapeLiteral(c: string): string {
  switch (c) {
    case "\\":
      return "\\\\";
    case '"':
      return '\\"';
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\t":
      return "\\t";
    default:
      return c < " " ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c;
  }
}

/** A Terraform JSON string as a native quoted template; `${...}` inside it stays live. */
export function quotedTemplate(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    const isSequenceStart = (c === "$" || c === "%") && text[i + 1] !== undefined;
    if (isSequenceStart && text[i + 1] === c && text[i + 2] === "{") {
      out += `${c}${c}{`; // an escaped literal `${`, spelled the same in both syntaxes
      i += 3;
    } else if (isSequenceStart && text[i + 1] === "{") {
      const end = sequenceEnd(text, i + 2);
      out += text.slice(i, end);
      i = end;
    } else {
      out += escapeLiteral(c);
      i++;
    }
  }
  return `"${out}"`;
}

/** `"${expr}"` is `expr` (Terraform returns an interpolation-only template's value unconverted). */
export function stringExpression(text: string): string {
  if (text.startsWith("${") && sequenceEnd(text, 2) === text.length) return text.slice(2, -1).trim();
  return quotedTemplate(text);
}

/** A JSON-syntax traversal string (`depends_on`, `ignore_changes`, a variable's `type`) as bare syntax. */
export function bareExpression(text: string): string {
  return text.startsWith("${") ? stringExpression(text) : text;
}

/** A key of a Terraform JSON object, itself a template there (config text in it arrives escaped). */
export function objectKey(key: string): string {
  return IDENTIFIER.test(key) ? key : quotedTemplate(key);
}

export interface Entry {
  readonly key: string;
  readonly value: Lines;
}

/**
 * `key = value` lines with `=` aligned across each run of one-line values, as `terraform fmt` does:
 * a value that opens a bracket on its line ends the run, and the lines inside it align on their own.
 */
export function alignedEntries(entries: readonly Entry[]): string[] {
  const lines: string[] = [];
  let run: Entry[] = [];
  const flush = () => {
    const width = Math.max(...run.map((e) => e.key.length));
    for (const e of run) lines.push(`${e.key.padEnd(width)} = ${e.value[0]}`);
    run = [];
  };
  for (const entry of entries) {
    if (entry.value.length === 1) {
      run.push(entry);
      continue;
    }
    if (run.length > 0) flush();
    lines.push(`${entry.key} = ${entry.value[0]}`, ...entry.value.slice(1));
  }
  if (run.length > 0) flush();
  return lines;
}

export function indent(lines: Lines, by = "  "): string[] {
  return lines.map((line) => (line === "" ? line : `${by}${line}`));
}

function listExpression(items: readonly unknown[], item: (value: unknown) => Lines): Lines {
  if (items.length === 0) return ["[]"];
  const rendered = items.map(item);
  const scalars = items.every((v) => v === null || typeof v !== "object") && rendered.every((r) => r.length === 1);
  const oneLine = `[${rendered.map((r) => r[0]).join(", ")}]`;
  if (scalars && oneLine.length <= ONE_LINE_LIST_LIMIT) return [oneLine];
  const body = rendered.flatMap((r) => [...r.slice(0, -1), `${r[r.length - 1]},`]);
  return ["[", ...indent(body), "]"];
}

/**
 * A JSON document as `jsonencode(...)`. Its keys keep the order the module wrote them in
 * (Version before Statement); jsonencode sorts them in the string it produces anyway.
 */
function jsonDocumentExpression(document: unknown): Lines {
  const lines = documentExpression(document);
  if (lines.length === 1) return [`jsonencode(${lines[0]})`];
  return [`jsonencode(${lines[0]}`, ...lines.slice(1, -1), `${lines[lines.length - 1]})`];
}

function documentExpression(value: unknown): Lines {
  if (Array.isArray(value)) return listExpression(value, documentExpression);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return objectLines(record, Object.keys(record), documentExpression);
  }
  return scalar(value);
}

function objectLines(value: Readonly<Record<string, unknown>>, keys: readonly string[], item: (value: unknown) => Lines): Lines {
  if (keys.length === 0) return ["{}"];
  return ["{", ...indent(alignedEntries(keys.map((key) => ({ key: objectKey(key), value: item(value[key]) })))), "}"];
}

function scalar(value: unknown): Lines {
  if (typeof value === "string") return [stringExpression(value)];
  if (typeof value === "number" || typeof value === "boolean") return [String(value)];
  if (value === null) return ["null"];
  throw new Error(`cannot render ${typeof value} as HCL`);
}

/**
 * A value Terraform's JSON syntax reads literally, not as a template (a variable's default and
 * description, backend settings): any `${` in it is text, so it is escaped for native syntax.
 */
export function literalExpression(value: unknown): Lines {
  const escape = (v: unknown): unknown => {
    if (typeof v === "string") return v.replace(/([$%])\{/g, "$1$1{");
    if (Array.isArray(v)) return v.map(escape);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escape(x)]));
    return v;
  };
  return expression(escape(value));
}

/** Any Terraform JSON attribute value; map keys are sorted by code point like the JSON output's. */
export function expression(value: unknown): Lines {
  if (typeof value === "string") {
    const mark = parseJsonDocumentMark(value);
    if (mark) return jsonDocumentExpression(mark.document);
  }
  if (Array.isArray(value)) return listExpression(value, expression);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return objectLines(record, Object.keys(record).sort(), expression);
  }
  return scalar(value);
}
