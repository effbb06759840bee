/**
 * Reading one synthesized stack (`cdktf.out/stacks/<stack>/cdk.tf.json`, parsed) as the blocks
 * `npm run diff` compares, keyed by Terraform-style address.
 *
 * What a "block" is here: each resource (`<type>.<name>`), data source (`data.<type>.<name>`),
 * variable, output, provider configuration (`provider.<name>[.<alias>]`), module
 * (`module.<name>`), the `terraform` block (backend, required_providers) and any other top-level
 * key as a whole (`locals`, `moved`, ...).
 *
 * The `"//"` keys are dropped. cdktf writes them at the root of the file (`metadata.version`,
 * `stackName`, `backend`, `outputs`) and at the top of resource and data bodies
 * (`metadata.path`, the construct path, and `metadata.uniqueId`). Terraform ignores them as
 * comments (docs/output-format.md), so they change nothing a plan would show, and a cdktf
 * upgrade would otherwise flag every stack. They are dropped at the root and at the top of every
 * block body, which is everywhere cdktf writes them. Deeper down, `"//"` can be an ordinary map
 * key that Terraform does apply (a tag named "//" is valid config), so it is compared there like
 * any other key (tf-json-diff-values.ts): a spurious difference is better than a hidden tag change.
 */

export type TfJson = Record<string, unknown>;

export type BlockKind = "terraform" | "provider" | "variable" | "data" | "resource" | "output" | "other";

export interface Block {
  readonly kind: BlockKind;
  readonly address: string;
  /** The body as written, without its top-level `"//"` key. */
  readonly body: unknown;
}

const COMMENT_KEY = "//";
/** The order blocks are listed in within a stack: Terraform's own reading order of a configuration. */
const KIND_ORDER: readonly BlockKind[] = ["terraform", "provider", "variable", "data", "resource", "output", "other"];

/**
 * Code-unit order: independent of the locale, unlike localeCompare. Not core/sort.ts's
 * byCodePoint: the two differ on astral characters, and the diff text must not change.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withoutComment(body: unknown): unknown {
  if (!isObject(body) || !(COMMENT_KEY in body)) return body;
  const { [COMMENT_KEY]: _comment, ...rest } = body;
  return rest;
}

function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value).filter(([key]) => key !== COMMENT_KEY) : [];
}

/**
 * Splits one cdk.tf.json into its blocks, keyed by address. A second provider entry of the same
 * name without an alias (invalid Terraform, but it must not hide the first) gets `#1`, `#2`, ...
 */
export function blocksOf(tf: TfJson): Map<string, Block> {
  const blocks = new Map<string, Block>();
  const add = (kind: BlockKind, address: string, body: unknown) => {
    let unique = address;
    for (let n = 1; blocks.has(unique); n++) unique = `${address}#${n}`;
    blocks.set(unique, { kind, address: unique, body: withoutComment(body) });
  };
  for (const [key, value] of entries(tf)) {
    switch (key) {
      case "terraform":
        add("terraform", "terraform", value);
        break;
      case "provider":
        for (const [name, configs] of entries(value)) {
          for (const config of Array.isArray(configs) ? configs : [configs]) {
            const alias = isObject(config) && typeof config.alias === "string" ? `.${config.alias}` : "";
            add("provider", `provider.${name}${alias}`, config);
          }
        }
        break;
      case "variable":
      case "output":
        for (const [name, body] of entries(value)) add(key, `${key}.${name}`, body);
        break;
      case "resource":
      case "data":
        for (const [type, named] of entries(value)) {
          for (const [name, body] of entries(named)) add(key, `${key === "data" ? "data." : ""}${type}.${name}`, body);
        }
        break;
      case "module":
        for (const [name, body] of entries(value)) add("other", `module.${name}`, body);
        break;
      default:
        add("other", key, value);
    }
  }
  return blocks;
}

/** Kind first (KIND_ORDER), then address in code-unit order. */
export function compareBlocks(a: { kind: BlockKind; address: string }, b: { kind: BlockKind; address: string }): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareCodeUnits(a.address, b.address);
}
