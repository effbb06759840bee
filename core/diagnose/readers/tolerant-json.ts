/**
 * JSON exports get cut: a terminal scrollback copied by hand, a `head -c`, a CLI killed mid-page.
 * A diagnosis from the first 40 stopped tasks beats none, so a truncated document is repaired by
 * cutting it back to the last whole element of its unfinished list and closing what is open.
 */

export type TolerantParse =
  | { readonly ok: true; readonly value: unknown; readonly truncated: boolean }
  | { readonly ok: false; readonly reason: string };

/** How many cut points to try, newest first, before giving up (each try is one JSON.parse). */
const MAX_REPAIR_ATTEMPTS = 64;

export function parseTolerantJson(text: string): TolerantParse {
  const body = text.replace(/^\uFEFF/, "").trim();
  if (body === "") return { ok: false, reason: "is empty" };
  if (body[0] !== "{" && body[0] !== "[") return { ok: false, reason: "is not JSON (it does not start with { or [)" };
  try {
    return { ok: true, value: JSON.parse(body), truncated: false };
  } catch (error) {
    const repaired = repair(body);
    if (repaired !== undefined) return { ok: true, value: repaired, truncated: true };
    return { ok: false, reason: `is not valid JSON (${(error as Error).message.split("\n")[0]})` };
  }
}

interface Cut {
  readonly at: number;
  readonly closers: string;
  /** The container the cut separates members of, by opening order; -1 for none. */
  readonly container: number;
}

/**
 * Cut points: just before a separating comma, or just after an opening bracket, with the closers
 * then needed. An element cut off mid-way must not pass for a whole one (a CloudTrail event without
 * its errorCode, a task without its stoppedReason), so the cuts between elements of the outermost
 * list still open at the end are tried first: they drop the unfinished element whole. Any other cut
 * is the fallback for documents with no such list.
 */
function repair(body: string): unknown {
  const cuts: Cut[] = [];
  const stack: { closer: string; id: number }[] = [];
  let opened = 0;
  let inString = false;
  const closers = () => stack.map((s) => s.closer).reverse().join("");
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      stack.push({ closer: c === "{" ? "}" : "]", id: opened++ });
      cuts.push({ at: i + 1, closers: closers(), container: stack[stack.length - 1]!.id });
    } else if (c === "}" || c === "]") stack.pop();
    else if (c === ",") cuts.push({ at: i, closers: closers(), container: stack.length > 0 ? stack[stack.length - 1]!.id : -1 });
  }
  const outermostOpenList = stack.find((s) => s.closer === "]");
  const elementCuts = outermostOpenList ? cuts.filter((cut) => cut.container === outermostOpenList.id) : [];
  return lastParsing(body, elementCuts) ?? lastParsing(body, cuts);
}

/** The document cut at the last of `cuts` that parses, trying at most MAX_REPAIR_ATTEMPTS. */
function lastParsing(body: string, cuts: readonly Cut[]): unknown {
  for (let k = cuts.length - 1, tries = 0; k >= 0 && tries < MAX_REPAIR_ATTEMPTS; k--, tries++) {
    // Cutting back to the bare top-level bracket keeps nothing: that is not a repair.
    if (cuts[k]!.at <= 1) continue;
    try {
      return JSON.parse(body.slice(0, cuts[k]!.at) + cuts[k]!.closers);
    } catch {
      // try the previous cut point
    }
  }
  return undefined;
}

/** AWS CLI v2 prints ISO 8601 with an offset, v1 epoch seconds, the SDK a Date: all become ISO UTC seconds. */
export function isoTime(value: unknown): string | undefined {
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else if (typeof value === "number" && Number.isFinite(value)) date = new Date(value < 1e11 ? value * 1000 : value);
  else if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    date = Number.isFinite(n) ? new Date(n < 1e11 ? n * 1000 : n) : new Date(value);
  }
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
