/**
 * Resolving with cdktf's own resolver for the tokens only. cdktf's `resolve` walks every value of
 * a stack: for each object key and value it builds a fresh resolve context (closures, a copied path)
 * and runs its token patterns, though most of a stack is plain data (names, ports, policy text)
 * that resolving copies unchanged. That walk was a third of synth time at 10,000 services.
 *
 * `resolveData` walks the same data and copies what cdktf would copy unchanged, exactly as cdktf
 * copies it (undefined object values and array items dropped, key order kept), and hands every
 * value that is, holds or may be a token to cdktf's public `Tokenization.resolve` (through
 * `delegate`). cdktf decides container-level questions (a list token in an array, a map token in a
 * key, an object with a `resolve` method, a construct) on the container before its contents, so
 * such a container goes to cdktf whole. Anything unusual (a Date, a class instance, a function, a
 * number outside the range cdktf never uses for tokens) goes to cdktf too: the fast path only ever
 * says "this is plain", never "this is a token".
 */
import { type IResolvable, Token } from "cdktf";

/**
 * The markers cdktf writes into strings for tokens, read from a token it encodes rather than
 * copied from its private sources: "${TfToken[" for a string, "#{TfToken[" for a list element,
 * "&{TfToken[" for a map key. TOKEN_MARKER is what all three have in common.
 */
const SAMPLE_TOKEN: IResolvable = { creationStack: [], resolve: () => "", toString: () => "" };
const LIST_TOKEN_MARKER = markerOf(Token.asList(SAMPLE_TOKEN)[0]!);
const TOKEN_MARKER = markerOf(Token.asString(SAMPLE_TOKEN)).slice(2);
// Read once: every access to a bundled package's export goes through an interop getter, and
// these are read for every string and number of every stack.
const STRING_MAP_TOKEN_VALUE = Token.STRING_MAP_TOKEN_VALUE;
const ANY_MAP_TOKEN_VALUE = Token.ANY_MAP_TOKEN_VALUE;
const NUMBER_MAP_TOKEN_VALUE = Token.NUMBER_MAP_TOKEN_VALUE;
const isUnresolved = Token.isUnresolved.bind(Token);
/** cdktf's pattern for numbers encoded in strings (tokens/private/encoding.js NUMBER_TOKEN_REGEX). */
const NUMBER_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;

function markerOf(encoded: string): string {
  const end = encoded.indexOf("[");
  if (end < 2) throw new Error(`unexpected cdktf token encoding ${JSON.stringify(encoded)}`);
  return encoded.slice(0, end + 1);
}
/**
 * cdktf encodes number tokens as doubles tagged 0xfdff or 0xfbff in their top 16 bits (negative,
 * beyond -1e288); any number closer to zero is a plain number.
 */
const PLAIN_NUMBER_LIMIT = 1e280;
/** cdktf's own limit on nesting (it takes deeper data for a cycle): deeper data goes to cdktf. */
const MAX_DEPTH = 200;

/** A character NUMBER_IN_STRING allows before its "e" ("-", "|", a digit, ".", "+"). */
function isNumberCharBefore(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 45 || code === 124 || code === 46 || code === 43;
}

/** True if NUMBER_IN_STRING can match in `value`: an "e" with an allowed character either side. */
function mayHoldEncodedNumber(value: string): boolean {
  for (let at = value.indexOf("e", 1); at > 0 && at < value.length - 1; at = value.indexOf("e", at + 1)) {
    const after = value.charCodeAt(at + 1);
    if (isNumberCharBefore(value.charCodeAt(at - 1)) && (isNumberCharBefore(after) || after === 101 || after === 69)) return true;
  }
  return false;
}

export function isPlainString(value: string): boolean {
  if (value.includes(TOKEN_MARKER) || value === STRING_MAP_TOKEN_VALUE || value === ANY_MAP_TOKEN_VALUE) return false;
  if (!mayHoldEncodedNumber(value)) return true;
  NUMBER_IN_STRING.lastIndex = 0;
  for (let match = NUMBER_IN_STRING.exec(value); match; match = NUMBER_IN_STRING.exec(value)) {
    if (isUnresolved(parseFloat(match[0]))) return false;
  }
  return true;
}

function isPlainNumber(value: number): boolean {
  // cdktf refuses its map token value where a number is resolved: let it say so.
  return Math.abs(value) < PLAIN_NUMBER_LIMIT && value !== NUMBER_MAP_TOKEN_VALUE; // NaN and infinities fail too
}

/**
 * Keys of an object cdktf resolves key by key, as resolveData does; undefined for any other
 * object: not a plain object, a token in a key, or a key cdktf reads to tell a token or a
 * construct ("resolve", "_children", "_metadata": such objects go to cdktf whole).
 */
function plainRecordKeys(value: object): string[] | undefined {
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const keys = Object.keys(value);
  for (const key of keys) {
    if (key === "resolve" || key === "_children" || key === "_metadata" || !isPlainString(key)) return undefined;
  }
  return keys;
}

/** An array cdktf resolves item by item: no list token among its items. */
function isPlainArray(value: readonly unknown[]): boolean {
  for (const item of value) {
    if (typeof item === "string" ? item.includes(LIST_TOKEN_MARKER) : typeof item === "number" && !(Math.abs(item) < PLAIN_NUMBER_LIMIT)) return false;
  }
  return true;
}

/** What cdktf's resolve returns for `value`, resolving through `delegate` only what may hold a token. */
export function resolveData(value: unknown, delegate: (value: unknown) => unknown, depth = 0): unknown {
  switch (typeof value) {
    case "string":
      return isPlainString(value) ? value : delegate(value);
    case "number":
      return isPlainNumber(value) ? value : delegate(value);
    case "boolean":
    case "undefined":
      return value;
    case "object": {
      if (value === null) return null;
      if (depth >= MAX_DEPTH) return delegate(value);
      if (Array.isArray(value)) {
        if (!isPlainArray(value)) return delegate(value);
        const out: unknown[] = [];
        for (const item of value) {
          const resolved = resolveData(item, delegate, depth + 1);
          if (resolved !== undefined) out.push(resolved);
        }
        return out;
      }
      const keys = plainRecordKeys(value);
      if (!keys) return delegate(value);
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const resolved = resolveData(record[key], delegate, depth + 1);
        if (resolved !== undefined) out[key] = resolved;
      }
      return out;
    }
    default:
      return delegate(value); // functions, symbols, bigints: cdktf's rules
  }
}

/**
 * True when resolving `value` would return a copy that cdktf writes as the same JSON: no token, no
 * encoded number, only plain objects and arrays, no undefined in an array (an undefined object
 * value is dropped by both).
 */
export function isResolvedData(value: unknown): boolean {
  switch (typeof value) {
    case "string":
      return isPlainString(value);
    case "number":
      return isPlainNumber(value);
    case "boolean":
      return true;
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value) if (item === undefined || !isResolvedData(item)) return false;
        return true;
      }
      const keys = plainRecordKeys(value);
      if (!keys) return false;
      const record = value as Record<string, unknown>;
      for (const key of keys) {
        // An undefined value is dropped by resolving and by cdktf's JSON writer alike.
        if (record[key] !== undefined && !isResolvedData(record[key])) return false;
      }
      return true;
    }
    default:
      return false; // undefined, functions, symbols, bigints: let cdktf decide
  }
}
