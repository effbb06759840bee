/**
 * Resource addresses are a contract (docs/upgrading.md): a pullguard release that changes a
 * resource's Terraform address (type + logical id) lists the change here, and every stack that
 * holds the new address emits `moved { from = ..., to = ... }`, so `terraform plan` moves the
 * existing object instead of destroying it and creating a new one. Entries are never removed: a
 * team may skip releases, and Terraform follows chains (A -> B in one release, B -> C in a later one).
 *
 * An id pattern is a logical id in which `{name}` stands for a run of letters, digits and `-`
 * (an environment, service or Region), bound by `to` and written into `from`. cdktf's hashed
 * suffixes (`_D15519F2`) change with the construct path, so a construct rename either pins its old
 * id with `overrideLogicalId` (no address change at all) or lists each hashed id literally.
 */
import { byCodePoint } from "../sort";

export interface ResourceMove {
  readonly resourceType: string;
  /** The logical id in releases before `since`. */
  readonly from: string;
  /** The logical id from `since` on. */
  readonly to: string;
  /** The pullguard release that made the change, e.g. "0.2.0". */
  readonly since: string;
}

/** An address that disappears on purpose: upgrading destroys (and, if replaced, recreates) it. */
export interface ReplacedOnPurpose {
  readonly stack: string;
  readonly address: string;
  readonly since: string;
  /** Why destroying the old object is right; docs/upgrading.md repeats it for that release. */
  readonly reason: string;
}

/** Every address change since 0.1.0. None yet: 0.1.0 is the first release with the contract. */
export const RESOURCE_MOVES: readonly ResourceMove[] = [];

/** Removed addresses that are meant to be replaced or destroyed. None yet. */
export const REPLACED_ON_PURPOSE: readonly ReplacedOnPurpose[] = [];

export interface MovedBlock {
  readonly from: string;
  readonly to: string;
}

const PLACEHOLDER = /\{([a-z][a-zA-Z0-9]*)\}/g;

function patternRegExp(pattern: string): RegExp {
  const names = new Set<string>();
  const source = pattern
    .split(PLACEHOLDER)
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      // A name used twice must bind the same text both times.
      if (names.has(part)) return `\\k<${part}>`;
      names.add(part);
      return `(?<${part}>[A-Za-z0-9-]+)`;
    })
    .join("");
  return new RegExp(`^${source}$`);
}

/** `from` with the placeholders `to` bound in `id`, or undefined when `id` does not match `to`. */
export function previousId(move: ResourceMove, id: string): string | undefined {
  const match = patternRegExp(move.to).exec(id);
  if (!match) return undefined;
  const groups = match.groups ?? {};
  let unbound = false;
  const previous = move.from.replace(PLACEHOLDER, (_, name: string) => {
    const value = groups[name];
    if (value === undefined) unbound = true;
    return value ?? "";
  });
  return unbound ? undefined : previous;
}

/**
 * The moved blocks a stack holding `addresses` ("type.id") needs: for each address, the chain of
 * its earlier addresses back to the oldest, newest step first, each step once,
 * in code-point order of `to`. A step whose `from`
 * is itself an address of the stack is refused: Terraform would move a live resource onto another.
 */
export function movedBlocksFor(addresses: readonly string[], moves: readonly ResourceMove[] = RESOURCE_MOVES): MovedBlock[] {
  const present = new Set(addresses);
  const blocks: MovedBlock[] = [];
  const seen = new Set<string>();
  for (const address of addresses) {
    const dot = address.indexOf(".");
    const type = address.slice(0, dot);
    let id = address.slice(dot + 1);
    const visited = new Set([id]);
    for (;;) {
      const step = moves.find((m) => m.resourceType === type && previousId(m, id) !== undefined);
      if (!step) break;
      const from = previousId(step, id)!;
      if (visited.has(from)) throw new Error(`resource moves: ${type}.${id} moves in a cycle`);
      if (present.has(`${type}.${from}`)) throw new Error(`resource moves: ${type}.${from} -> ${type}.${id}, but the stack still holds ${type}.${from}`);
      visited.add(from);
      const block = { from: `${type}.${from}`, to: `${type}.${id}` };
      const key = `${block.from} ${block.to}`;
      if (!seen.has(key)) {
        seen.add(key);
        blocks.push(block);
      }
      id = from;
    }
  }
  // Output is byte-identical on every synth: the order does not depend on construct order.
  return blocks.sort((a, b) => byCodePoint(a.to, b.to) || byCodePoint(a.from, b.from));
}
