// The execution host: runs interpreted workflows and compiled bundles for
// real, asynchronously, journaled, on any backend. Workers call
// advanceExecution for each job; `orqc run` calls submitExecution.

export { Region, type RegionSpec, type Renderer, type TraceEvent } from "../engine/region";
export { ActionCatalog, type ResolvedAction } from "./actions";
export { advanceExecution } from "./advance";
export { childExecutionId } from "./child-calls";
export { type ControlAction, type ControlOutcome, controlExecution } from "./control";
export { ExecutionRun } from "./execution";
export { type LoadedProgram, Programs, type Target, tableRenderer } from "./programs";
export { contextOf, type ExecutionContext, RESULT_ID } from "./record-context";
export {
  createHostServices,
  type HostServices,
  type HostServicesOptions,
  timeScaleFromEnv,
} from "./services";
export { type SubmitOutcome, type SubmitRequest, submitExecution } from "./submit";
