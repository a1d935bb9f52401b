// Names whose value changes while a workflow runs or from one call to the next:
// the run's state (task results and statuses), the datastore, the clock and
// chance. An expression that uses none of them, and reads neither the context
// nor the current item, is a constant; a task rendering that uses none of them
// renders the same each time for the same context and items. Matching text is
// deliberately coarse: a false match only costs the shortcut.

const CHANGING =
  "result|succeeded|failed|completed|task_status|task|st2kv|now|utcnow|today|random|randint|uuid|localtime|env|lipsum";

/** Reads something that changes: one of those names, or the names Orquesta gives Jinja for the run (`__vars` ...). */
export const READS_CHANGING_STATE = new RegExp(`__|\\b(${CHANGING})\\b`);

/** Reads the run at all: the above, the context (`ctx`, `$`) or the current item. */
export const READS_THE_RUN = new RegExp(`\\$|__|\\b(ctx|item|${CHANGING})\\b`);
