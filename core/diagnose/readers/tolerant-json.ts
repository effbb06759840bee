/**
 * JSON exports get cut: a terminal scrollback copied by hand, a `head -c`, a CLI killed mid-page.
 * A diagnosis from the first 40 stopped tasks beats none, so a truncated document is repaired by
 * cutting it back to the last complete array element or object member and closing what is open.
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

/** Cut points: just before a separating comma, or just after an opening bracket, with the closers then needed. */
function repair(body: string): unknown {
  const cuts: { at: number; closers: string }[] = [];
  const stack: string[] = [];
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      stack.push(c === "{" ? "}" : "]");
      cuts.push({ at: i + 1, closers: [...stack].reverse().join("") });
    } else if (c === "}" || c === "]") stack.pop();
    else if (c === ",") cuts.push({ at: i, closers: [...stack].reverse().join("") });
  }
  for (let k = cuts.length - 1, tries = 0; k >= 0 && tries < MAX_REPAIR_ATTEMPTS; k--, tries++) {
    // Cutting back to the bare top-level bracket keeps nothing: that is not a repair.
    if (cuts[k].at <= 1) continue;
    try {
      return JSON.parse(body.slice(0, cuts[k].at) + cuts[k].closers);
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
