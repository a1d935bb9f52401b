// StackStorm's regex functions (st2common/expressions/functions/regex.py) with
// Python `re` semantics: regex_match, regex_search, regex_replace, regex_substring.

import { pyStr } from "../py/text";
import { bigOf, isInt, PyError, type PyValue, pyTypeName, truthy } from "../py/value";
import { bindArgs } from "./args";
import { FROZEN_ARGUMENTS, registerFunction } from "./catalog";
import { compilePyRegex, IGNORECASE, pyFindall, pyMatch, pySearch } from "./py-regex";
import { pySub } from "./py-regex-sub";

function patternOf(pattern: PyValue, ignorecase: PyValue) {
  if (typeof pattern !== "string")
    throw new PyError("TypeError", "first argument must be string or compiled pattern");
  return compilePyRegex(pattern, truthy(ignorecase) ? IGNORECASE : 0);
}

// YAQL hands these functions its frozen values: str() of them shows tuples, as in Python.

const text = (v: PyValue): string => (typeof v === "string" ? v : pyStr(v));

/** regex_match (anchored at the start) and regex_search (anywhere): whether the pattern is found. */
function registerFinder(name: string, find: typeof pyMatch): void {
  registerFunction(
    name,
    (_e, args, kwargs) => {
      const [value, pattern, ic] = bindArgs(
        name,
        [{ name: "value" }, { name: "pattern" }, { name: "ignorecase", default: false, yaqlType: "bool" }],
        args,
        kwargs,
      );
      return find(patternOf(pattern!, ic!), text(value!)) !== null;
    },
    FROZEN_ARGUMENTS,
  );
}

registerFinder("regex_match", pyMatch);
registerFinder("regex_search", pySearch);

registerFunction(
  "regex_replace",
  (_e, args, kwargs) => {
    const [value, pattern, replacement, ic] = bindArgs(
      "regex_replace",
      [
        { name: "value" },
        { name: "pattern" },
        { name: "replacement" },
        { name: "ignorecase", default: false, yaqlType: "bool" },
      ],
      args,
      kwargs,
    );
    const s = text(value!);
    const rx = patternOf(pattern!, ic!);
    if (typeof replacement !== "string")
      throw new PyError("TypeError", `expected str instance, ${pyTypeName(replacement!)} found`);
    return pySub(rx, replacement, s);
  },
  FROZEN_ARGUMENTS,
);

registerFunction(
  "regex_substring",
  (_e, args, kwargs) => {
    const [value, pattern, index, ic] = bindArgs(
      "regex_substring",
      [
        { name: "value" },
        { name: "pattern" },
        { name: "result_index", default: 0, yaqlType: "int" },
        { name: "ignorecase", default: false, yaqlType: "bool" },
      ],
      args,
      kwargs,
    );
    const s = text(value!);
    const found = pyFindall(patternOf(pattern!, ic!), s);
    if (!isInt(index) && typeof index !== "boolean")
      throw new PyError("TypeError", `list indices must be integers or slices, not ${pyTypeName(index!)}`);
    const i = Number(bigOf(index!));
    const item = found[i < 0 ? found.length + i : i];
    if (item === undefined) throw new PyError("IndexError", "list index out of range");
    return item;
  },
  FROZEN_ARGUMENTS,
);
