// StackStorm's data functions (st2common/expressions/functions/data.py):
// JSON and YAML conversion, json_escape, jsonpath_query, use_none.

import { PyBytes } from "../../../compiler/expr/jinja/bytes";
import { setItem } from "../../../compiler/expr/jinja/values";
import { ydictSet } from "../../../compiler/expr/yaql/values";
import { isPlainDict, markPlainDeep } from "../py/plain-dict";
import { pyStr } from "../py/text";
import {
  isDict,
  isInt,
  isSequence,
  numberOf,
  PyError,
  PyTuple,
  type PyValue,
  pyTypeName,
  truthy,
} from "../py/value";
import { bindArgs } from "./args";
import { FROZEN_ARGUMENTS, type FunctionOptions, PYTHON_ARGUMENTS, registerFunction } from "./catalog";
import { holdsFrozenMapping } from "./frozen-data";
import { type JsonPathTypes, jsonpathFind } from "./jsonpath";
import { pyJsonDumps, pyJsonLoads } from "./py-json";
import { pyYamlSafeDump } from "./py-yaml-dump";
import { pyYamlSafeLoad, type YamlLoadRules } from "./py-yaml-load";

type Language = "yaql" | "jinja";

export const NONE_MAGIC_VALUE = "%*****__%NONE%__*****%";

function fromJsonString(args: PyValue[], kwargs: { [k: string]: PyValue }): PyValue {
  const [value] = bindArgs("from_json_string", [{ name: "value" }], args, kwargs);
  return markPlainDeep(pyJsonLoads(pyStr(value!), { orjson: true }));
}

const YAQL_YAML: YamlLoadRules = { setKey: ydictSet, bytes: (data) => new PyTuple([...data]) };
const JINJA_YAML: YamlLoadRules = { setKey: setItem, bytes: (data) => new PyBytes(data) };

function fromYamlString(args: PyValue[], kwargs: { [k: string]: PyValue }, language: Language): PyValue {
  const [value] = bindArgs("from_yaml_string", [{ name: "value" }], args, kwargs);
  return markPlainDeep(pyYamlSafeLoad(pyStr(value!), language === "yaql" ? YAQL_YAML : JINJA_YAML));
}

function indentOf(indent: PyValue): number | string | null {
  if (indent === null) return null;
  if (typeof indent === "string") return indent;
  if (typeof indent === "boolean" || isInt(indent)) return numberOf(indent);
  throw new PyError("TypeError", `can't multiply sequence by non-int of type '${pyTypeName(indent)}'`);
}

function separatorsOf(sep: PyValue): [string, string] | null {
  if (sep === null) return null;
  const items = isSequence(sep)
    ? Array.isArray(sep)
      ? sep
      : sep.items
    : typeof sep === "string"
      ? [...sep]
      : null;
  if (!items) throw new PyError("TypeError", `cannot unpack non-iterable ${pyTypeName(sep)} object`);
  if (items.length !== 2)
    throw new PyError(
      "ValueError",
      `${items.length < 2 ? "not enough" : "too many"} values to unpack (expected 2)`,
    );
  const [a, b] = items;
  if (typeof a !== "string" || typeof b !== "string")
    throw new PyError("TypeError", "separators must be strings");
  return [a, b];
}

/** A FrozenDict reaching Python's json.dumps (see frozen-data.ts). */
function rejectFrozenForJson(value: PyValue, language: Language, converted: boolean): void {
  if (language === "yaql" && holdsFrozenMapping(value, converted))
    throw new PyError("TypeError", "Object of type FrozenDict is not JSON serializable");
}

function toJsonString(args: PyValue[], kwargs: { [k: string]: PyValue }, language: Language): PyValue {
  const [value, indent, sortKeys, separators] = bindArgs(
    "to_json_string",
    [
      { name: "value" },
      { name: "indent", default: null },
      { name: "sort_keys", default: false, yaqlType: "bool" },
      { name: "separators", default: null, yaqlType: "tuple" },
    ],
    args,
    kwargs,
  );
  rejectFrozenForJson(value!, language, true);
  const explicitSeparators = args.length > 3 || "separators" in kwargs;
  return pyJsonDumps(value!, {
    // JSONEncoder.encode writes a str before it looks at the indent
    indent: typeof value === "string" ? null : indentOf(indent!),
    sortKeys: sortKeys === null ? false : truthy(sortKeys!),
    separators: explicitSeparators ? separatorsOf(separators!) : [",", ": "],
  });
}

function toYamlString(args: PyValue[], kwargs: { [k: string]: PyValue }, language: Language): PyValue {
  const [value, indent, allowUnicode] = bindArgs(
    "to_yaml_string",
    [
      { name: "value" },
      { name: "indent", default: null },
      { name: "allow_unicode", default: true, yaqlType: "bool" },
    ],
    args,
    kwargs,
  );
  if (language === "yaql" && holdsFrozenMapping(value!, true))
    throw new PyError("RepresenterError", "cannot represent an object: FrozenDict");
  const n = indent === null ? null : numberOf(indent!);
  return pyYamlSafeDump(value!, {
    indent: n,
    allowUnicode: allowUnicode === null ? false : truthy(allowUnicode!),
  });
}

// StackStorm parses str(value): under YAQL a list is a tuple there, `(1, 2)`, which is no JSON.
registerFunction("from_json_string", (_e, a, k) => fromJsonString(a, k), FROZEN_ARGUMENTS);
registerFunction("json_parse", (_e, a, k) => fromJsonString(a, k), FROZEN_ARGUMENTS);
registerFunction("from_yaml_string", (_e, a, k, l) => fromYamlString(a, k, l), FROZEN_ARGUMENTS);
registerFunction("yaml_parse", (_e, a, k, l) => fromYamlString(a, k, l), FROZEN_ARGUMENTS);
// These see YAQL's data as Python does: tuples, FrozenDicts (see frozen-data.ts) and iterators.
/** Python arguments; json.dumps and yaml's representer look at the value's type before anything else. */
const PYTHON_CHECKED_FIRST: FunctionOptions = { ...PYTHON_ARGUMENTS, typeCheckedFirst: [0] };

registerFunction("to_json_string", (_e, a, k, l) => toJsonString(a, k, l), PYTHON_CHECKED_FIRST);
registerFunction("json_dump", (_e, a, k, l) => toJsonString(a, k, l), PYTHON_CHECKED_FIRST);
registerFunction("to_yaml_string", (_e, a, k, l) => toYamlString(a, k, l), PYTHON_CHECKED_FIRST);
registerFunction("yaml_dump", (_e, a, k, l) => toYamlString(a, k, l), PYTHON_CHECKED_FIRST);

registerFunction(
  "json_escape",
  (_e, args, kwargs, language) => {
    const [value] = bindArgs("json_escape", [{ name: "value" }], args, kwargs);
    rejectFrozenForJson(value!, language, false);
    return pyJsonDumps(value!).replace(/^"+|"+$/g, "");
  },
  PYTHON_CHECKED_FIRST,
);

const JINJA_TYPES: JsonPathTypes = { isPlainDict: isDict };
const YAQL_TYPES: JsonPathTypes = { isPlainDict };

registerFunction(
  "jsonpath_query",
  (_e, args, kwargs, language) => {
    const [value, query] = bindArgs("jsonpath_query", [{ name: "value" }, { name: "query" }], args, kwargs);
    if (typeof query !== "string") throw new PyError("ValueError", "Expected a string");
    const matches = jsonpathFind(value!, query, language === "yaql" ? YAQL_TYPES : JINJA_TYPES);
    return matches.length === 0 ? null : matches;
  },
  PYTHON_ARGUMENTS,
);

registerFunction(
  "use_none",
  (_e, args, kwargs) => {
    const [value] = bindArgs("use_none", [{ name: "value" }], args, kwargs);
    return value === null ? NONE_MAGIC_VALUE : value!;
  },
  FROZEN_ARGUMENTS,
);
