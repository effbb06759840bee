import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, Tokenization } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * Which attributes of each resource, data source and provider are nested blocks. Terraform JSON
 * writes `network_configuration` and `tags` alike (an object), and only the provider schema says
 * one is a block; cdktf's provider bindings know it and say so in each element's HCL fragment
 * (`isBlock`). Only that bit is taken from the fragments: values come from the JSON config.
 */
export type BlockPaths = ReadonlyMap<string, ReadonlySet<string>>;

type Fragment = Record<string, unknown>;

function elementsOf(stack: TerraformStack): TerraformElement[] {
  const found: TerraformElement[] = [];
  const visit = (node: IConstruct) => {
    if (TerraformElement.isTerraformElement(node)) found.push(node);
    for (const child of node.node.children) if (!TerraformStack.isStack(child)) visit(child);
  };
  visit(stack);
  return found;
}

function isTyped(value: unknown): value is { value: unknown; isBlock?: boolean; is_block?: boolean } {
  return value !== null && typeof value === "object" && "value" in value && ("isBlock" in value || "is_block" in value);
}

function collect(attributes: unknown, prefix: string, into: Set<string>): void {
  if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes)) return;
  for (const [key, entry] of Object.entries(attributes as Fragment)) {
    if (!isTyped(entry) || !(entry.isBlock ?? entry.is_block)) continue;
    const path = `${prefix}${key}`;
    into.add(path);
    const items = Array.isArray(entry.value) ? entry.value : [entry.value];
    for (const item of items) collect(item, `${path}.`, into);
  }
}

/** Keys: `resource.<type>.<name>`, `data.<type>.<name>`, `provider.<name>.<index>`; values: dotted attribute paths. */
export function blockPaths(stack: TerraformStack): BlockPaths {
  const paths = new Map<string, Set<string>>();
  const add = (key: string, attributes: unknown) => {
    const set = paths.get(key) ?? new Set<string>();
    collect(attributes, "", set);
    paths.set(key, set);
  };
  const resolver = new DefaultTokenResolver(new StringConcat());
  for (const element of elementsOf(stack)) {
    const fragment = Tokenization.resolve(element.toHclTerraform(), { scope: stack, preparing: false, resolver }) as Fragment;
    for (const kind of ["resource", "data"] as const) {
      const byType = (fragment[kind] ?? {}) as Record<string, Record<string, unknown>>;
      for (const [type, byName] of Object.entries(byType)) for (const [name, attributes] of Object.entries(byName)) add(`${kind}.${type}.${name}`, attributes);
    }
    const providers = (fragment.provider ?? {}) as Record<string, unknown[]>;
    for (const [name, instances] of Object.entries(providers)) instances.forEach((attributes, i) => add(`provider.${name}.${i}`, attributes));
  }
  return paths;
}
