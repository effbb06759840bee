/** Upgrades between pullguard releases: the resource address changes and the moved blocks they need. */
export { movedBlocksFor, previousId, REPLACED_ON_PURPOSE, RESOURCE_MOVES, type MovedBlock, type ReplacedOnPurpose, type ResourceMove } from "./resource-moves";
