import { markdownCode, md, renderMarkdown } from "../markdown";
import type { PullBudgetReport } from "./report";

/**
 * What every output names about how it was made: the pullguard version (from its package.json)
 * and the config as the user named it (relative, never absolute, never a time), so output stays
 * byte-identical across machines and a reviewer sees which release and which file produced it.
 */
export interface OutputStamp {
  readonly version: string;
  readonly config: string;
}

/** pull-budget.json with the stamp as its first key, `pullguard`. */
export function stampedPullBudgetJson(report: PullBudgetReport, stamp: OutputStamp): string {
  return `${JSON.stringify({ pullguard: { version: stamp.version, config: stamp.config }, ...report }, null, 2)}\n`;
}

/** pull-budget.md with a closing line naming the version and the config. */
export function stampedPullBudgetMarkdown(markdown: string, stamp: OutputStamp): string {
  return `${markdown}${renderMarkdown([md``, md`Synthesized by pullguard ${stamp.version} from ${markdownCode(stamp.config)}.`])}\n`;
}
