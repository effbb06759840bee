/**
 * The longest import chain inside a folder: how many files deep its imports stack (issue 20: the plan
 * types once imported logic files and stacked core/ 16 deep). Read from dependency-cruiser's JSON
 * (`depcruise --output-type json`), type-only imports counted, as the layer rules count them.
 */

/** What this reads of one module of dependency-cruiser's JSON output. */
export interface CruisedModule {
  readonly source: string;
  readonly dependencies: readonly { readonly resolved: string }[];
}

/**
 * The longest chain of imports between files under `folder` (e.g. "core/"), as the files in order,
 * from any file or only from `start` (e.g. "core/model/index.ts": how deep a reader of the plan
 * types stacks); empty when `start` is not a module under `folder`. Imports leading out of the
 * folder end a chain. An import that closes a cycle (the layer rules forbid them) is not followed,
 * so a cycle cannot loop; ties go to the first file in path order.
 */
export function longestImportChain(modules: readonly CruisedModule[], folder: string, start?: string): string[] {
  const inside = (path: string) => path.startsWith(folder);
  const imports = new Map<string, string[]>();
  for (const m of modules) {
    if (inside(m.source)) imports.set(m.source, m.dependencies.map((d) => d.resolved).filter(inside));
  }
  const longest = new Map<string, string[]>();
  const open = new Set<string>();
  const chainFrom = (file: string): string[] => {
    const known = longest.get(file);
    if (known) return known;
    open.add(file);
    let best = [file];
    for (const next of imports.get(file) ?? []) {
      if (open.has(next)) continue;
      const rest = chainFrom(next);
      if (rest.length + 1 > best.length) best = [file, ...rest];
    }
    open.delete(file);
    longest.set(file, best);
    return best;
  };
  if (start !== undefined) return imports.has(start) ? chainFrom(start) : [];
  let best: string[] = [];
  for (const file of [...imports.keys()].sort()) {
    const chain = chainFrom(file);
    if (chain.length > best.length) best = chain;
  }
  return best;
}
