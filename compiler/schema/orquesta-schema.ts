// The JSON Schema of an Orquesta (native v1.0) workflow definition, mirroring the
// schema Orquesta 1.6 validates with, so that error paths match its inspector.
// Published as schema/orquesta-workflow.schema.json (a test keeps the two equal).
// No $ref on purpose: schema paths must read like Orquesta's.

type Schema = { readonly [key: string]: unknown };

const NAME = "^\\w+$";
// Orquesta's statement regexes, braces escaped so the pattern means the same in JS and Python.
const EXPR = "<%.*?%>|\\{\\{.*?\\}\\}";
export const ITEMS_PATTERN = `^(\\s+)?(${EXPR})(\\s+)?$|^(\\s+)?((\\w+,\\s?|\\s+)+)?(\\w+)\\s+in\\s+(${EXPR})(\\s+)?$`;

const NONEMPTY_STRING = { type: "string", minLength: 1 };
const UNIQUE_STRING_LIST = { type: "array", items: NONEMPTY_STRING, uniqueItems: true, minItems: 1 };
const POSITIVE_INTEGER = { type: "integer", minimum: 0 };
const POSITIVE_NUMBER = { type: "number", minimum: 0 };
const ANY_NULLABLE = {
  anyOf: [
    { type: "null" },
    { type: "array" },
    { type: "boolean" },
    { type: "integer" },
    { type: "number" },
    { type: "object" },
    { type: "string" },
  ],
};
const NONEMPTY_DICT = { type: "object", minProperties: 1, patternProperties: { [NAME]: ANY_NULLABLE } };
const ONE_KEY_DICT = {
  type: "object",
  minProperties: 1,
  maxProperties: 1,
  patternProperties: { [NAME]: ANY_NULLABLE },
};
const STRING_OR_POSITIVE_INTEGER = { oneOf: [NONEMPTY_STRING, POSITIVE_INTEGER] };
const UNIQUE_ONE_KEY_DICT_LIST = { type: "array", items: ONE_KEY_DICT, uniqueItems: true, minItems: 1 };
const UNIQUE_STRING_OR_ONE_KEY_DICT_LIST = {
  type: "array",
  items: { oneOf: [NONEMPTY_STRING, ONE_KEY_DICT] },
  uniqueItems: true,
  minItems: 1,
};

const d = <T extends object>(description: string, schema: T): T & { description: string } => ({
  ...schema,
  description,
});

const TRANSITION = {
  type: "object",
  properties: {
    when: d("Condition (YAQL or Jinja expression) under which this transition is taken.", NONEMPTY_STRING),
    publish: d("Variables to publish: a list of one-key mappings, or `name=value` pairs in one string.", {
      oneOf: [NONEMPTY_STRING, UNIQUE_ONE_KEY_DICT_LIST],
    }),
    do: d("Tasks (or engine commands continue, fail, noop, retry) to run next.", {
      oneOf: [NONEMPTY_STRING, UNIQUE_STRING_LIST],
    }),
  },
  additionalProperties: false,
};

const WITH_ITEMS = {
  type: "object",
  properties: {
    items: d("An expression giving a list, or `x, y in <expression>`.", {
      type: "string",
      minLength: 1,
      pattern: ITEMS_PATTERN,
    }),
    concurrency: d("How many items run at the same time.", STRING_OR_POSITIVE_INTEGER),
  },
  additionalProperties: false,
};

const RETRY = {
  type: "object",
  properties: {
    when: d("Condition under which the task is retried.", NONEMPTY_STRING),
    count: d("Maximum number of retries.", STRING_OR_POSITIVE_INTEGER),
    delay: d("Seconds to wait between retries.", STRING_OR_POSITIVE_INTEGER),
  },
  required: ["count"],
  additionalProperties: false,
};

const TASK = {
  type: "object",
  properties: {
    delay: d("Seconds to delay the action execution.", STRING_OR_POSITIVE_INTEGER),
    join: d("Makes the task a barrier: `all`, or how many inbound branches to wait for.", {
      oneOf: [{ enum: ["all"] }, POSITIVE_INTEGER],
    }),
    with: d("Runs the action once per item.", WITH_ITEMS),
    action: d(
      "Action reference `pack.name`, optionally followed by inline `key=value` parameters.",
      NONEMPTY_STRING,
    ),
    input: d("Action parameters: a mapping, or an expression giving one.", {
      oneOf: [NONEMPTY_STRING, NONEMPTY_DICT],
    }),
    retry: d("Automatic re-execution of the task.", RETRY),
    next: d("Transitions evaluated when the task completes.", { type: "array", items: TRANSITION }),
  },
  additionalProperties: false,
};

export const ORQUESTA_WORKFLOW_SCHEMA: Schema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "StackStorm Orquesta workflow (native v1.0)",
  type: "object",
  properties: {
    vars: d("Workflow variables: a list of one-key mappings.", UNIQUE_ONE_KEY_DICT_LIST),
    input: d(
      "Workflow inputs: names, or one-key mappings `name: default`.",
      UNIQUE_STRING_OR_ONE_KEY_DICT_LIST,
    ),
    output: d(
      "Values returned when the workflow completes: a list of one-key mappings.",
      UNIQUE_ONE_KEY_DICT_LIST,
    ),
    tasks: d("The tasks, by name.", {
      type: "object",
      minProperties: 1,
      patternProperties: { [NAME]: TASK },
      // Orquesta's own schema lets other names through and then fails with an internal error.
      additionalProperties: false,
    }),
    name: NONEMPTY_STRING,
    version: d("DSL version: 1.0.", {
      anyOf: [NONEMPTY_STRING, POSITIVE_INTEGER, POSITIVE_NUMBER],
      enum: ["1.0", 1.0],
    }),
    description: NONEMPTY_STRING,
    tags: UNIQUE_STRING_LIST,
  },
  required: ["tasks"],
  additionalProperties: false,
};

/** Keys allowed at each level, for did-you-mean suggestions. */
export const WORKFLOW_KEYS = Object.keys(ORQUESTA_WORKFLOW_SCHEMA.properties as object);
export const TASK_KEYS = Object.keys(TASK.properties);
export const TRANSITION_KEYS = Object.keys(TRANSITION.properties);
export const WITH_KEYS = Object.keys(WITH_ITEMS.properties);
export const RETRY_KEYS = Object.keys(RETRY.properties);
