// The trace the wave host records, in the golden format (shared/golden/README.md).

import type { PyValue } from "../stdlib/py/value";
import type { ErrorEntry } from "./conductor";

export interface ItemRecord {
  item_id: number;
  action: PyValue;
  input: PyValue;
  status: string;
  result: PyValue;
}

export interface TaskRecord {
  id: string;
  route: number;
  seq: number;
  attempt: number;
  status: string;
  action: PyValue;
  input: PyValue;
  result: PyValue;
  delay?: number;
  items_count?: number;
  concurrency?: PyValue;
  items?: Array<ItemRecord | null>;
}

export interface ExecutionRecord {
  index: number;
  task_id: string;
  route: number;
  item_id: number | null;
  attempt: number;
  action: PyValue;
  input: PyValue;
  status: string;
  result: PyValue;
  scripted_by: string;
  subworkflow?: Trace;
}

export interface SequenceRecord {
  id: string;
  route: number;
  status: string;
  term: boolean;
}

export interface Trace {
  workflow: string;
  input: PyValue;
  status: string;
  output: PyValue;
  errors: Array<ErrorEntry | { [key: string]: PyValue }>;
  tasks: TaskRecord[];
  executions: ExecutionRecord[];
  sequence: SequenceRecord[];
  routes: string[][];
  context: PyValue;
  log?: PyValue[];
  inspection?: PyValue;
}
