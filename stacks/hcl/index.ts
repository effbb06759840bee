import type { TerraformStack } from "cdktf";
import { whileRenderingHcl } from "../../modules/json-document";
import { blockPaths } from "./block-paths";
import { configToHcl } from "./write";

/**
 * The stack as HCL that `terraform fmt -check`, `validate` and `plan` accept, written from the same
 * configuration as the JSON output. cdktf 0.21's own HCL renderer leaves quotes unescaped in any
 * string holding an interpolation (a container definition with an image tag variable) and does
 * not indent, so pullguard writes the file itself (docs/hcl.md).
 */
export function stackHcl(stack: TerraformStack): string {
  const paths = blockPaths(stack);
  const config = whileRenderingHcl(() => stack.toTerraform() as Record<string, unknown>);
  return configToHcl(config, paths);
}
