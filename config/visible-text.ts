/**
 * Characters a terminal shows as nothing, as a space, or not at all as written: control
 * characters, zero-width and other format characters (a zero-width space pasted from a chat or a
 * web page, a byte order mark in mid-file), the bidirectional overrides of "Trojan Source", and
 * spaces other than the ASCII space. In a config key or value they make `prod` and `prod\u200b`
 * different keys that print the same.
 */
// eslint-disable-next-line no-control-regex, no-misleading-character-class -- control and combining characters, each on its own, are what it finds
const INVISIBLE = /[\u0000-\u001f\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` with each invisible character written as its escape: `\n`, `\t`, `\u200b`. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
