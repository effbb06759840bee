import { boundedLine, oneLine } from "../../config/problems";
import { byCodePoint } from "../sort";

/**
 * What planning and the rules say about a config. The plan types, the suppressions and the stacks
 * all speak of findings, so their types live here and import nothing from the plan.
 */

export type FindingLevel = "error" | "warning";

/**
 * One kind of finding, cdk-nag style: its id, how much it matters, and what a user needs to act on
 * it. Every definition sits in its own file under core/rules/catalogue/ and docs/findings.md is
 * generated from them, so a finding cannot be emitted without being catalogued and documented.
 */
export interface FindingDefinition {
  /** PG-..., printed in brackets and named by suppressions; never renamed (users suppress by it). */
  readonly id: string;
  readonly level: FindingLevel;
  /** What triggers it, one line. */
  readonly description: string;
  /** The AWS fact or reason it matters (pointing at docs/aws-facts.md where one applies). */
  readonly why: string;
  readonly fix: string;
  /**
   * Whether a suppression may accept it. Config errors that would synth Terraform AWS refuses (or
   * that name things that do not exist) cannot be accepted; judgements about a working config can.
   */
  readonly suppressible: boolean;
  /**
   * Set only on the findings a planner raises while it builds the plan, saying why no pack rule can
   * judge it on the finished plan (the input names something the plan cannot hold: an image that
   * does not parse, an account that does not exist). Every other definition belongs to exactly one
   * rule of the pack (core/rules/index.ts); __tests__/rules/catalogue.test.ts holds both to it.
   */
  readonly raisedWhilePlanning?: string;
}

/** A finding a planner may raise: its definition says why a rule on the finished plan cannot. */
export type PlanningFindingDefinition = FindingDefinition & { readonly raisedWhilePlanning: string };

export interface Finding {
  readonly level: FindingLevel;
  /** Config path the finding is about, e.g. environments.prod.services.api.image */
  readonly path: string;
  readonly message: string;
  /** Stack the finding belongs to, when it belongs to one (warnings become annotations there). */
  readonly stack?: string;
  /** Id of the finding's definition (e.g. PG-ROLLOUT-PROGRESS), listed in docs/findings.md. */
  readonly rule: string;
}

/** A rule finding the config accepts on purpose, with the reason it gives. */
export interface SuppressedFinding extends Finding {
  readonly reason: string;
}

/**
 * Collects findings while the plan is built, so one run reports every problem, not the first. It
 * takes a definition, never an id or a level: an uncatalogued finding does not type-check.
 */
export class FindingLog {
  private readonly items: Finding[] = [];

  /** A planner's finding, raised while the plan is built (the definition says why no rule can). */
  report(definition: PlanningFindingDefinition, path: string, message: string, stack?: string): void {
    this.add(definition, path, message, stack);
  }

  /** A pack rule's verdict on the finished plan (core/rules/index.ts runRules). */
  judge(definition: FindingDefinition, path: string, message: string, stack?: string): void {
    this.add(definition, path, message, stack);
  }

  private add(definition: FindingDefinition, path: string, message: string, stack: string | undefined): void {
    this.items.push(clean({ level: definition.level, path, message, stack, rule: definition.id }));
  }

  /** Keeps a finding another log made (suppressions sort findings into two lists). */
  keep(finding: Finding): void {
    this.items.push(clean({ level: finding.level, path: finding.path, message: finding.message, stack: finding.stack, rule: finding.rule }));
  }

  get hasErrors(): boolean {
    return this.items.some((f) => f.level === "error");
  }

  /** Errors first, then by path: a stable order keeps reports byte-identical between runs. */
  list(): Finding[] {
    const seen = new Set<string>();
    const unique = this.items.filter((f) => {
      const key = `${f.level}|${f.path}|${f.message}|${f.stack ?? ""}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return unique.sort((a, b) => rank(a) - rank(b) || byCodePoint(a.stack ?? "", b.stack ?? "") || byCodePoint(a.path, b.path) || byCodePoint(a.message, b.message));
  }
}

function rank(f: Finding): number {
  return f.level === "error" ? 0 : 1;
}

function clean(f: { level: Finding["level"]; path: string; message: string; stack: string | undefined; rule: string }): Finding {
  return {
    level: f.level,
    // One finding is one line of output: a value quoted in a message may hold a line break.
    path: oneLine(f.path),
    // ... and its length is bounded: a value a message quotes is cut where it is quoted (shortValue).
    message: boundedLine(f.message),
    ...(f.stack !== undefined ? { stack: f.stack } : {}),
    rule: f.rule,
  };
}
