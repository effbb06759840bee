// The shape lives in core/ (core/container-definition.ts) so the 64 KiB check measures exactly what
// is rendered; this module keeps its import path for the stacks.
export { containerDefinition } from "../core/container-definition";
