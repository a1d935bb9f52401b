// Public API of the loader.

export { builtinAction, canonicalRunner, effectiveParameters, isKnownRunner } from "./action-registry";
export type { ActionMeta, LoadedWorkflow, LoadResult, PackInfo, ParamSpec } from "./action-types";
export { workflowFileProblem } from "./discover";
export { loadPaths } from "./load-paths";
export { type ParsedYaml, parseYaml } from "./parse-yaml";
export * from "./yaml-node";
