import type { FindingLog } from "../model/findings";
import * as catalogue from "../rules/catalogue";
import { byCodePoint } from "../sort";

/**
 * Apply order across accounts and Regions: a stack waits for the stacks it depends on (registry
 * stacks before the environments that pull through them, the owner of a shared VPC's endpoints
 * before the other environments in it). Edges that would close a cycle are dropped with a warning:
 * two registries that replicate into each other can be applied in either order.
 */
export class DeployGraph {
  private readonly edges = new Map<string, Set<string>>();

  constructor(stacks: readonly string[]) {
    for (const stack of stacks) this.edges.set(stack, new Set());
  }

  /** Records "stack after dependency"; returns false (and records nothing) when that would close a cycle. */
  add(stack: string, dependency: string): boolean {
    if (stack === dependency || !this.edges.has(stack) || !this.edges.has(dependency)) return false;
    if (this.reaches(dependency, stack)) return false;
    this.edges.get(stack)!.add(dependency);
    return true;
  }

  dependenciesOf(stack: string): string[] {
    return [...(this.edges.get(stack) ?? [])].sort(byCodePoint);
  }

  /** Waves: every stack of a wave depends only on stacks of earlier waves; each wave sorted by name. */
  waves(): string[][] {
    const done = new Set<string>();
    const waves: string[][] = [];
    while (done.size < this.edges.size) {
      const wave = [...this.edges.keys()].filter((s) => !done.has(s) && [...this.edges.get(s)!].every((d) => done.has(d))).sort(byCodePoint);
      if (wave.length === 0) break; // unreachable: add() refuses cycles
      for (const s of wave) done.add(s);
      waves.push(wave);
    }
    return waves;
  }

  private reaches(from: string, to: string): boolean {
    const stack = [from];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current === to) return true;
      if (seen.has(current)) continue;
      seen.add(current);
      for (const next of this.edges.get(current) ?? []) stack.push(next);
    }
    return false;
  }
}

export function addOrWarn(graph: DeployGraph, stack: string, dependency: string, why: string, path: string, log: FindingLog): void {
  if (!graph.add(stack, dependency) && stack !== dependency && !graph.dependenciesOf(stack).includes(dependency)) {
    log.report(catalogue.deployOrder, path, `${stack} should be applied after ${dependency} (${why}), but ${dependency} already waits for ${stack}; apply ${stack} twice if its first apply fails`, stack);
  }
}
