// The shape lives in core/ (core/services/container-definition.ts) so the 64 KiB check measures exactly what
// is rendered; this module keeps its import path for the stacks.
export { containerDefinition } from "../core/services";
