/**
 * The one way pullguard writes Markdown. Config text (names, paths, image references, suppression
 * reasons, finding messages) reaches a pull-request comment through the report, so every value is
 * rendered inert: it can add characters, never structure. A line of Markdown is a `Markdown`
 * value; the `md` tag escapes each interpolated string and passes only other `Markdown` through,
 * so a raw config string cannot become markup by being interpolated (docs/output-format.md).
 */

const TRUSTED: unique symbol = Symbol("pullguard markdown");

/** Markdown pullguard wrote or escaped; only `md`, `markdownCode` and `trustedMarkdown` make one. */
export interface Markdown {
  readonly [TRUSTED]: true;
  readonly text: string;
}

function markdown(text: string): Markdown {
  return { [TRUSTED]: true, text };
}

/** pullguard's own fixed markup (a table rule, a fence). Never pass config text here. */
export function trustedMarkdown(text: string): Markdown {
  return markdown(text);
}

export function isMarkdown(value: unknown): value is Markdown {
  return typeof value === "object" && value !== null && (value as Partial<Markdown>)[TRUSTED] === true;
}

// A line break in a value would start a new block (a heading, a list, an HTML block): shown as ↵.
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;
// Other control characters, and the bidirectional overrides that make text read other than it is.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visibleOneLine(text: string): string {
  return text.replace(LINE_BREAKS, "↵").replace(/\t/g, " ").replace(INVISIBLE, "\ufffd");
}

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Text that reads as itself wherever it lands: in a paragraph, a list item, a table cell, a heading.
 * No HTML (`& < >` become entities), no emphasis, code, link, strikethrough, math or table syntax
 * (backslash escapes), and nothing that opens a block where the value starts (a heading `#`, a
 * list `-`/`+`/`1.`, indentation): the value may be the first thing on its line.
 */
export function markdownText(value: string): string {
  const escaped = visibleOneLine(value)
    .replace(/[&<>]/g, (c) => ENTITIES[c]!)
    // "_" between two letters or digits can neither open nor close emphasis: SCAN_ON_PUSH stays readable.
    .replace(/[\\`*_[\]|~$#]/g, (c, at: number, all: string) => (c === "_" && /[A-Za-z0-9]/.test(all[at - 1] ?? "") && /[A-Za-z0-9]/.test(all[at + 1] ?? "") ? c : `\\${c}`));
  const leading = /^ */.exec(escaped)![0].length;
  const rest = escaped.slice(leading).replace(/^([+=-])/, "\\$1").replace(/^(\d+)([.)])(?=[ \t]|$)/, "$1\\$2");
  return "&#32;".repeat(leading) + rest;
}

/**
 * A value shown as code. A plain value becomes a backtick code span, which shows its text
 * literally (no mentions, emoji or links either). A value the span could not hold as itself (a
 * backtick, a `|` that would split a table cell, `<`, a line break or control character) becomes
 * `<code>` around escaped text instead, which is inert in a table cell and a list alike.
 */
export function markdownCode(value: string): Markdown {
  if (value !== "" && !/[`|<]/.test(value) && visibleOneLine(value) === value && !/^ .* $/.test(value)) return markdown(`\`${value}\``);
  return markdown(`<code>${markdownText(value)}</code>`);
}

/** A Markdown line or fragment: interpolated strings are escaped (markdownText), Markdown and numbers are kept. */
export function md(strings: TemplateStringsArray, ...values: readonly (string | number | Markdown)[]): Markdown {
  let text = strings[0]!;
  values.forEach((value, i) => {
    text += (isMarkdown(value) ? value.text : typeof value === "number" ? String(value) : markdownText(value)) + strings[i + 1]!;
  });
  return markdown(text);
}

/** Joins fragments with pullguard's separator (", ", " | ", "<br>"). */
export function joinMarkdown(parts: readonly Markdown[], separator: string): Markdown {
  return markdown(parts.map((p) => p.text).join(separator));
}

/** The document: lines joined, nothing added. */
export function renderMarkdown(lines: readonly Markdown[]): string {
  return lines.map((l) => l.text).join("\n");
}

/**
 * A label inside a Mermaid chart's quotes (a fenced block, where Markdown escapes do not apply):
 * only characters with no meaning to Mermaid or Markdown survive, others become "_".
 */
export function mermaidLabel(value: string): string {
  return value.replace(/[^A-Za-z0-9 ._:/()%-]/g, "_");
}
