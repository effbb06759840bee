import { TerraformResource, type TerraformStack } from "cdktf";
import { movedBlocksFor, RESOURCE_MOVES, type ResourceMove } from "../core/upgrade";

/**
 * Adds the stack's `moved` blocks (core/upgrade: addresses renamed since an earlier release) as
 * top-level Terraform configuration. A stack-level override rather than each resource's
 * `moveFromId`: that allows one move per resource, and a chain (A -> B, then B -> C) needs a block
 * whose `to` is no longer a resource. Nothing is added when no address of the stack moved, so
 * the output of a release without moves is unchanged. The HCL writer renders the same blocks.
 */
export function addMovedBlocks(stack: TerraformStack, moves: readonly ResourceMove[] = RESOURCE_MOVES): void {
  const addresses = stack.node
    .findAll()
    .filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c))
    .map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`);
  const blocks = movedBlocksFor(addresses, moves);
  if (blocks.length > 0) stack.addOverride("moved", blocks.map((b) => ({ from: b.from, to: b.to })));
}
