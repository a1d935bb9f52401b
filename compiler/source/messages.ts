// The one message catalog: every diagnostic code, its severity and its wording.
// Codes are grouped by stage: 1xxx YAML/schema, 2xxx graph/semantics, 3xxx expressions, 4xxx compiling.

import type { Severity } from "./diagnostic";

type Args = Record<string, string | number>;

interface MessageDef<A extends Args> {
  readonly severity: Severity;
  /** One line saying what the code is about, for docs and `--format json`. */
  readonly title: string;
  readonly text: (a: A) => string;
}

function def<A extends Args>(severity: Severity, title: string, text: (a: A) => string): MessageDef<A> {
  return { severity, title, text };
}

const hint = (s: string | number | undefined): string => (s ? ` (did you mean "${s}"?)` : "");

export const MESSAGES = {
  // 1xxx: files, YAML and schema
  ORQ1001: def<{ detail: string }>("error", "YAML syntax error", (a) => `YAML syntax error: ${a.detail}`),
  ORQ1002: def<{ key: string }>(
    "error",
    "duplicate mapping key",
    (a) => `duplicate key "${a.key}" (StackStorm refuses to load the file)`,
  ),
  ORQ1003: def<{ path: string; detail: string }>(
    "error",
    "file cannot be read",
    (a) => `cannot read "${a.path}": ${a.detail}`,
  ),
  ORQ1004: def<{ what: string; found: string }>(
    "error",
    "document is not a mapping",
    (a) => `${a.what} must be a mapping, found ${a.found}`,
  ),
  ORQ1005: def<{ detail: string }>(
    "error",
    "YAML that PyYAML cannot load",
    (a) => `${a.detail} (PyYAML, which StackStorm reads YAML with, refuses the file)`,
  ),
  ORQ1006: def<Record<string, never>>(
    "error",
    "merge key in a workflow",
    () =>
      `YAML merge key "<<": Orquesta loads workflow files without merge keys, so StackStorm refuses this file ("could not determine a constructor for the tag 'tag:yaml.org,2002:merge'"); write the keys out`,
  ),
  ORQ1007: def<{ limit: number }>(
    "error",
    "YAML aliases expand too far",
    (a) =>
      `anchors and aliases expand this file to more than ${a.limit} values (an alias bomb); PyYAML would load it, but rendering or storing the data would exhaust memory, so orqc does not read it`,
  ),
  ORQ1008: def<Record<string, never>>(
    "error",
    "YAML nested too deeply",
    () =>
      `lists and mappings nest too deeply here: Orquesta fails to load the file ("Failed to load workflow definition because maximum recursion depth exceeded"; Python's recursion limit allows about 980 list or 490 mapping levels)`,
  ),
  ORQ1009: def<Record<string, never>>(
    "error",
    "merge key in pack metadata",
    () =>
      `YAML merge key "<<": StackStorm registers pack metadata after loading the orquesta runner, whose YAML loader then refuses merge keys in every file ("could not determine a constructor for the tag 'tag:yaml.org,2002:merge'"), so this file does not register; write the keys out`,
  ),
  ORQ1010: def<{ where: string; key: string; suggestion: string }>(
    "error",
    "unknown key",
    (a) => `${a.where}: unknown key "${a.key}"${hint(a.suggestion)}`,
  ),
  ORQ1011: def<{ where: string; expected: string; found: string }>(
    "error",
    "value of the wrong type",
    (a) => `${a.where} must be ${a.expected}, found ${a.found}`,
  ),
  ORQ1012: def<{ where: string }>("error", "empty value", (a) => `${a.where} must not be empty`),
  ORQ1013: def<{ where: string; key: string }>(
    "error",
    "required key missing",
    (a) => `${a.where}: missing required key "${a.key}"`,
  ),
  ORQ1014: def<{ where: string; item: string }>(
    "error",
    "duplicate list item",
    (a) => `${a.where} lists ${a.item} more than once`,
  ),
  ORQ1015: def<{ where: string; found: string; allowed: string }>(
    "error",
    "value not allowed",
    (a) => `${a.where} must be one of ${a.allowed}, found ${a.found}`,
  ),
  ORQ1016: def<{ where: string; expected: string; found: string }>(
    "error",
    "value has none of the accepted forms",
    (a) => `${a.where} must be ${a.expected}, found ${a.found}`,
  ),
  ORQ1017: def<{ what: string; name: string }>(
    "error",
    "invalid name",
    (a) => `${a.what} "${a.name}" is not a valid name: use only letters, digits and "_"`,
  ),
  ORQ1018: def<{ where: string; found: string }>(
    "error",
    "with-items form not recognised",
    (a) => `${a.where} must be an expression or "x in <expression>", found ${a.found}`,
  ),
  ORQ1019: def<{ where: string; count: number }>(
    "error",
    "list item must have exactly one key",
    (a) => `${a.where} must be a mapping with exactly one key, found ${a.count} keys`,
  ),
  ORQ1020: def<{ where: string; found: string }>(
    "error",
    "negative number",
    (a) => `${a.where} must be 0 or more, found ${a.found}`,
  ),
  ORQ1021: def<{ where: string; text: string }>(
    "error",
    "YAML timestamp where a JSON value is expected",
    (a) =>
      `${a.where}: ${a.text} is a date to PyYAML (a YAML timestamp), which Orquesta's schema refuses; quote it ("${a.text}") to keep it text`,
  ),
  ORQ1030: def<{ ref: string; detail: string }>(
    "error",
    "invalid action metadata",
    (a) => `action metadata "${a.ref}": ${a.detail}`,
  ),
  ORQ1031: def<{ ref: string; path: string }>(
    "warning",
    "workflow file of an action is missing",
    (a) => `action "${a.ref}" runs workflow "${a.path}", which does not exist`,
  ),
  ORQ1032: def<{ ref: string; other: string }>(
    "warning",
    "action defined twice",
    (a) => `action "${a.ref}" is also defined in ${a.other}; the first one is used`,
  ),
  ORQ1033: def<{ ref: string; runner: string }>(
    "warning",
    "output_schema on a runner without an output key",
    (a) =>
      `action "${a.ref}": StackStorm applies output_schema only to python-script, http-request and orquesta actions; on ${a.runner} it has no effect (no validation, no masking)`,
  ),
  ORQ1034: def<{ ref: string }>(
    "warning",
    "legacy output_schema",
    (a) =>
      `action "${a.ref}": output_schema has no "type" (the legacy form, a map of properties): StackStorm masks its secret properties but never validates it; write {type: object, properties: ...} to have it checked`,
  ),
  ORQ1035: def<{ ref: string; path: string }>(
    "warning",
    "required list in output_schema",
    (a) =>
      `action "${a.ref}": ${a.path} has a "required" list, which StackStorm's schema dialect does not check; mark each property "required: true" instead`,
  ),
  ORQ1036: def<{ ref: string; param: string; name: string }>(
    "warning",
    "parameter default reads an undefined name",
    (a) =>
      `action "${a.ref}": the default of parameter "${a.param}" reads "${a.name}", which no parameter of the action or its runner defines; StackStorm fails every execution that uses this default (Dependency unsatisfied in variable "${a.name}")`,
  ),
  ORQ1037: def<{ ref: string; param: string }>(
    "warning",
    "parameter defaults read each other",
    (a) =>
      `action "${a.ref}": the default of parameter "${a.param}" reads itself through other defaults; StackStorm fails every execution that uses them (Cyclic dependency found)`,
  ),
  // 2xxx: graph and semantics
  ORQ2001: def<{ name: string }>(
    "error",
    "reserved task name",
    (a) => `task name "${a.name}" is reserved (continue, fail, noop and retry are engine commands)`,
  ),
  ORQ2002: def<Args>(
    "error",
    "no start task",
    () =>
      "no task to start the workflow: every task is the target of a transition; add an entry task in front of the loop",
  ),
  ORQ2003: def<{ name: string; suggestion: string }>(
    "error",
    "undefined task in do",
    (a) => `task "${a.name}" is not defined${hint(a.suggestion)}`,
  ),
  ORQ2004: def<{ name: string }>(
    "error",
    "ambiguous join",
    (a) =>
      `join task "${a.name}" is unreachable: branches from different nested splits join on it, so the engine cannot tell at which level to join`,
  ),
  ORQ2005: def<{ name: string }>(
    "error",
    "with-items task without action",
    (a) => `task "${a.name}" uses "with" but has no action`,
  ),
  ORQ2006: def<{ name: string }>(
    "warning",
    "unreachable task",
    (a) => `task "${a.name}" is never reached from a start task`,
  ),
  ORQ2010: def<{ ref: string; suggestion: string }>(
    "error",
    "unknown action",
    (a) => `action "${a.ref}" is not defined in the loaded packs${hint(a.suggestion)}`,
  ),
  ORQ2011: def<{ ref: string; pack: string }>(
    "warning",
    "action of a pack that is not loaded",
    (a) => `action "${a.ref}" cannot be checked: pack "${a.pack}" is not loaded`,
  ),
  ORQ2012: def<{ ref: string }>(
    "error",
    "malformed action reference",
    (a) => `action reference "${a.ref}" is not of the form "pack.name"`,
  ),
  ORQ2013: def<{ ref: string; param: string }>(
    "error",
    "required parameter missing",
    (a) => `action "${a.ref}" needs input "${a.param}", which is not given`,
  ),
  ORQ2014: def<{ ref: string; param: string; suggestion: string }>(
    "error",
    "unknown parameter",
    (a) => `action "${a.ref}" has no parameter "${a.param}"${hint(a.suggestion)}`,
  ),
  ORQ2015: def<{ ref: string; param: string; expected: string; found: string }>(
    "warning",
    "literal parameter of the wrong type",
    (a) => `input "${a.param}" of action "${a.ref}" must be ${a.expected}, found ${a.found}`,
  ),
  ORQ2016: def<{ ref: string; param: string }>(
    "warning",
    "immutable parameter overridden",
    (a) => `input "${a.param}" of action "${a.ref}" is immutable and cannot be given`,
  ),
  ORQ2017: def<{ cycle: string }>(
    "warning",
    "sub-workflow recursion",
    (a) =>
      `sub-workflows call each other in a cycle: ${a.cycle} (it never ends unless a condition stops it; orqc cannot inline it)`,
  ),
  ORQ2018: def<{ pair: string }>(
    "warning",
    "inline parameter dropped",
    (a) =>
      `inline parameter "${a.pair}" is silently dropped by Orquesta (only quoted strings, numbers, true/false/null, lists and expressions are recognised); quote the value or use "input:"`,
  ),
  // 3xxx: expressions
  ORQ3001: def<{ detail: string }>("error", "YAQL syntax error", (a) => `YAQL syntax error: ${a.detail}`),
  ORQ3002: def<{ detail: string }>("error", "Jinja syntax error", (a) => `Jinja syntax error: ${a.detail}`),
  ORQ3003: def<Args>(
    "error",
    "YAQL and Jinja in one string",
    () => "a string may use YAQL (<% %>) or Jinja ({{ }}), not both",
  ),
  ORQ3004: def<{ name: string }>(
    "error",
    "variable used before assignment",
    (a) => `variable "${a.name}" is used before it is assigned`,
  ),
  ORQ3005: def<{ name: string }>(
    "error",
    "private variable referenced",
    (a) => `variable "${a.name}" starts with "__" and is private: it cannot be referenced`,
  ),
  ORQ3006: def<{ name: string }>(
    "warning",
    "variable defined on no path",
    (a) => `variable "${a.name}" is not assigned on any path that leads here`,
  ),
  // 4xxx: compiling
  ORQ4001: def<{ detail: string }>(
    "error",
    "internal compiler error",
    (a) =>
      `orqc failed while compiling this workflow (${a.detail}); the other bundles are built. This is a fault in orqc: please report it with the workflow`,
  ),
} as const;

export type DiagnosticCode = keyof typeof MESSAGES;
export type MessageArgs<C extends DiagnosticCode> = Parameters<(typeof MESSAGES)[C]["text"]>[0];

export const ALL_CODES = Object.keys(MESSAGES) as DiagnosticCode[];
