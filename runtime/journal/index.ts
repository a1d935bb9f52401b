export { dumpJournal, type JournalDumpEntry } from "./dump";
export {
  byArrival,
  ExecutionJournal,
  type JournalOptions,
  type StepOutcome,
  type StepReport,
} from "./journal";
export { parseStepId, type StepRef, stepId, valueId } from "./step-id";
