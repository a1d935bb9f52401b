// What Orquesta's and StackStorm's functions do with a Jinja StrictUndefined
// argument (a bare name that is not defined, `basename(path)`). Python hands
// the object to the function, and whichever the function does first wins:
// using it (str(), ==, iteration, hashing) raises UndefinedError, while a
// type check first raises that function's own TypeError. Most of them use it
// first; the ones below check its type first, at the argument position given
// (recorded from Orquesta 1.6.0 with StackStorm's function source).

import { PyError } from "../../../runtime/stdlib/py/value";

const UNDEFINED_CLASS = "<class 'jinja2.runtime.StrictUndefined'>";

const NOT_JSON = (): PyError =>
  new PyError("TypeError", "Object of type StrictUndefined is not JSON serializable");
const NOT_PATH = (): PyError =>
  new PyError("TypeError", "expected str, bytes or os.PathLike object, not StrictUndefined");
const NOT_YAML = (): PyError => new PyError("RepresenterError", "('cannot represent an object', Undefined)");
const NOT_VERSION = (): PyError => new PyError("TypeError", `not expecting type '${UNDEFINED_CLASS}'`);
const NOT_VERSION_OPERAND = (): PyError =>
  new PyError(
    "TypeError",
    `Expected str, bytes, dict, tuple, list, or Version instance, but got ${UNDEFINED_CLASS}`,
  );

/** Per function: the positional arguments whose undefinedness is a type error, and that error. */
const TYPE_CHECKED_FIRST: Readonly<Record<string, Readonly<Record<number, () => PyError>>>> = {
  basename: { 0: NOT_PATH },
  dirname: { 0: NOT_PATH },
  json: { 0: () => new PyError("TypeError", "Given object is not typeof string.") },
  st2kv: { 0: () => new PyError("TypeError", "Given key is not typeof string.") },
  json_dump: { 0: NOT_JSON },
  to_json_string: { 0: NOT_JSON },
  json_escape: { 0: NOT_JSON },
  to_yaml_string: { 0: NOT_YAML },
  yaml_dump: { 0: NOT_YAML },
  to_human_time_from_seconds: { 0: () => new PyError("AssertionError", "") },
  version_bump_major: { 0: NOT_VERSION },
  version_bump_minor: { 0: NOT_VERSION },
  version_bump_patch: { 0: NOT_VERSION },
  version_strip_patch: { 0: NOT_VERSION },
  version_match: { 0: NOT_VERSION },
  version_compare: { 0: NOT_VERSION, 1: NOT_VERSION_OPERAND },
  version_equal: { 0: NOT_VERSION, 1: NOT_VERSION_OPERAND },
  version_less_than: { 0: NOT_VERSION, 1: NOT_VERSION_OPERAND },
  version_more_than: { 0: NOT_VERSION, 1: NOT_VERSION_OPERAND },
};

/**
 * The error a call of catalogue function `name` raises when positional
 * argument `position` is the first undefined one, where that is a type
 * error rather than the undefined name; undefined otherwise.
 */
export function undefinedArgumentTypeError(name: string, position: number): PyError | undefined {
  return TYPE_CHECKED_FIRST[name]?.[position]?.();
}
