import { Token } from "cdktf";

/**
 * Config text is text: nothing a config says is evaluated by Terraform (docs/security.md).
 *
 * Terraform reads every string of a resource, data source, provider, local or output value as a
 * template, in JSON syntax as in native syntax, so a literal `${` or `%{` must be written `$${` and
 * `%%{` (aws-facts.md, "Terraform string escaping"). cdktf reads every string it resolves for its
 * own token markers (`${TfToken[KEY]}`, `#{...}`, `&{...}` and numbers tagged as tokens), so text a
 * user typed could also be taken for one of pullguard's references. Hence two steps, one pair:
 *
 * 1. `quarantine` (stacks/platform.ts, on the plan before any construct exists): every string the
 *    stacks receive has a private mark (MARK, U+E000) in front of each `{` that could open a
 *    sequence and of each `e` of a number cdktf would take for a token, so neither cdktf nor
 *    Terraform can see a sequence in it (U+E000 and U+E001 typed by a user are kept as text). Text pullguard's own code writes around it, and cdktf's
 *    tokens (references, variables), are not marked: they stay live.
 * 2. `releaseLiterals` (stacks/pullguard-stack.ts, on each stack's resolved Terraform JSON, which
 *    the JSON file and the HCL writer both read): each mark becomes Terraform's escape where the
 *    string is a template, and goes away where Terraform reads the string literally.
 */
export const MARK = "\uE000";

/** cdktf's pattern for a number written into a string (tokens/private/encoding.js NUMBER_TOKEN_REGEX). */
const NUMBER_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;
const NUMBER_CHAR = /[-|\d.+]/;
const OPENERS = "$%#&";

function holdsTokenNumber(text: string): boolean {
  if (!text.includes("e")) return false;
  NUMBER_IN_STRING.lastIndex = 0;
  for (let match = NUMBER_IN_STRING.exec(text); match; match = NUMBER_IN_STRING.exec(text)) {
    if (Token.isUnresolved(parseFloat(match[0]))) return true;
  }
  return false;
}

/** Written before a MARK or a LITERAL that is part of the config text itself. */
export const LITERAL = "\uE001";

/**
 * One string of config text, marked: MARK before a `{` that follows `$ % # &` or starts the text
 * (pullguard's text before it may end in `$`), after a `$` or `%` that ends it (pullguard's text
 * after it may start with `{`), and, when cdktf would read a number in it as a token, before every
 * `e` that follows a number character. A MARK or LITERAL in the text itself gets a LITERAL before it.
 */
export function quarantineText(text: string): string {
  const numbers = holdsTokenNumber(text);
  if (!numbers && !/[{\uE000\uE001$%]/.test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const before = i === 0 ? "" : text[i - 1]!;
    if (c === MARK || c === LITERAL) out += LITERAL + c;
    else if (c === "{" && (i === 0 || OPENERS.includes(before))) out += MARK + c;
    else if (c === "e" && numbers && NUMBER_CHAR.test(before)) out += MARK + c;
    else if ((c === "$" || c === "%") && i === text.length - 1) out += c + MARK;
    else out += c;
  }
  return out;
}

/**
 * Marked text as Terraform reads it: in a template (`template`) a marked `{` right after a `$` or
 * `%` becomes `$${` or `%%{`, Terraform's escapes; in a literal string the marks simply go.
 */
export function releaseText(text: string, template: boolean): string {
  if (!text.includes(MARK) && !text.includes(LITERAL)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === LITERAL) {
      out += text[i + 1] ?? "";
      i++;
    } else if (c !== MARK) {
      out += c;
    } else if (text[i + 1] === "{" && template && (out.endsWith("$") || out.endsWith("%"))) {
      out += `${out[out.length - 1]!}{`;
      i++;
    }
    // Any other mark only kept cdktf or Terraform from reading a sequence: it goes.
  }
  return out;
}

/** Text as a Terraform template that evaluates to exactly `text`: `${` and `%{` escaped. */
export function templateLiteral(text: string): string {
  return releaseText(quarantineText(text), true);
}

/** A copy of plain data with every string and object key quarantined; unchanged parts are shared. */
export function quarantine<T>(value: T): T {
  return quarantineValue(value) as T;
}

function quarantineValue(value: unknown): unknown {
  if (typeof value === "string") return quarantineText(value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = value.map(quarantineValue);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const k = quarantineText(key);
    const v = quarantineValue(item);
    if (k !== key || v !== item) changed = true;
    out[k] = v;
  }
  return changed ? out : value;
}

type Json = Record<string, unknown>;

const isMarked = (text: string) => text.includes(MARK) || text.includes(LITERAL);

function releaseValue(value: unknown, template: boolean): unknown {
  if (typeof value === "string") return releaseText(value, template);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = releaseValue(value[i], template);
    return value;
  }
  return releaseObject(value as Json, () => template);
}

/**
 * Releases an object in place, keys too; `templateOf` says per key whether its value is a template.
 * `keysOnly` leaves the values alone (labels whose bodies are released apart); `skip` names keys
 * whose values are released elsewhere.
 */
function releaseObject(object: Json, templateOf: (key: string) => boolean, keysOnly = false, skip: (key: string) => boolean = () => false): Json {
  const keys = Object.keys(object);
  const value = (key: string) => (keysOnly || skip(key) ? object[key] : releaseValue(object[key], templateOf(key)));
  if (!keys.some(isMarked)) {
    for (const key of keys) object[key] = value(key);
    return object;
  }
  // A marked key: rebuild, keeping the key order.
  const entries = keys.map((key) => [releaseText(key, templateOf(key)), value(key)] as const);
  for (const key of keys) delete object[key];
  for (const [key, item] of entries) object[key] = item;
  return object;
}

/** Releases a section's labels (types, names: literal) and hands each body to `body`, in place. */
function releaseSection(section: unknown, depth: number, body: (object: Json) => void): void {
  if (section === null || typeof section !== "object" || Array.isArray(section)) return;
  const object = section as Json;
  if (depth === 0) return body(object);
  if (Object.keys(object).some(isMarked)) releaseObject(object, () => false, true);
  for (const item of Object.values(object)) releaseSection(item, depth - 1, body);
}

/** Sections whose labels and bodies releaseLiterals walks itself. */
const LABELLED = new Set(["resource", "data", "variable", "output"]);

/**
 * A stack's resolved Terraform JSON with its marks released, in place. Literal, per Terraform's
 * JSON syntax: the `terraform` block, a variable's `type`, `default` and `description`, an output's
 * `description`, and `"//"` comments in a block body; every other string is a template.
 */
export function releaseLiterals<T>(document: T): T {
  if (document === null || typeof document !== "object") return document;
  const root = document as Json;
  const comment = (key: string) => key !== "//";
  releaseSection(root.resource, 2, (body) => releaseObject(body, comment));
  releaseSection(root.data, 2, (body) => releaseObject(body, comment));
  releaseSection(root.variable, 1, (body) => releaseObject(body, (key) => key !== "type" && key !== "default" && key !== "description"));
  releaseSection(root.output, 1, (body) => releaseObject(body, (key) => key !== "description"));
  releaseObject(root, (key) => key !== "//" && key !== "terraform", false, (key) => LABELLED.has(key));
  return document;
}
