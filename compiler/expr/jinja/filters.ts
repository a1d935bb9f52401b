// Filter and test dispatch: Orquesta registers every catalogue function as
// a filter on top of Jinja's built-in filters (value piped in as the first
// argument). Functions that take the evaluation context cannot work as
// filters: Jinja would hand them the piped value as the context.

import type { ExprEnv } from "../../../runtime/stdlib/functions/env";
import { functionTakesContext, lookupFunction } from "../../../runtime/stdlib/functions/registry";
import { dictSet } from "../../../runtime/stdlib/py/dict";
import { type PyDict, PyError, type PyValue, typeError } from "../../../runtime/stdlib/py/value";
import { bindArgs } from "./args";
import { binaryOp } from "./arith";
import { type AutoescapeState, asMarkup, autoescapeOff } from "./autoescape";
import type { FilterFn, FilterRuntime } from "./filter-types";
import { AUTOESCAPE_FILTERS, MARKUP_RESULT_FILTERS } from "./filters-autoescape";
import { SEQ_FILTERS } from "./filters-seq";
import { TEXT_FILTERS } from "./filters-text";
import { htmlEscape } from "./html-escape";
import { escapeArg, escapeText, Markup, markupSeen, textOf } from "./markup";
import { splitLines } from "./methods-str";
import { chars, escapeValue, isTrue, markupOf, toStr } from "./protocol";
import { argumentErrorOf, callCatalog } from "./scope";
import { checkFilterCall, checkTestCall } from "./signatures";
import { TESTS } from "./tests";
import { isUndefined } from "./undefined";

const BUILTIN_FILTERS: Record<string, FilterFn> = { ...TEXT_FILTERS, ...SEQ_FILTERS };

/** Catalogue functions whose first Python parameter is the evaluation context. */
const CONTEXT_FUNCTIONS = new Set([
  "ctx",
  "item",
  "result",
  "succeeded",
  "failed",
  "completed",
  "task_status",
  "st2kv",
  "task",
]);

export function isKnownFilter(name: string): boolean {
  return Object.hasOwn(BUILTIN_FILTERS, name) || lookupFunction(name) !== undefined;
}

export function isKnownTest(name: string): boolean {
  return Object.hasOwn(TESTS, name);
}

export function unknownFilter(name: string): PyError {
  return new PyError("TemplateAssertionError", `No filter named '${name}'.`);
}

export function unknownTest(name: string): PyError {
  return new PyError("TemplateAssertionError", `No test named '${name}'.`);
}

export class Filters implements FilterRuntime {
  constructor(
    readonly env: ExprEnv,
    /** The evaluator's `{% autoescape %}` state (off for translated code, which has no such blocks). */
    readonly autoescape: AutoescapeState = autoescapeOff(),
  ) {}

  hasFilter(name: string): boolean {
    return isKnownFilter(name);
  }

  hasTest(name: string): boolean {
    return isKnownTest(name);
  }

  callFilter(name: string, value: PyValue, args: PyValue[], kwargs: PyDict): PyValue {
    if (lookupFunction(name)) {
      if (CONTEXT_FUNCTIONS.has(name) || functionTakesContext(name)) {
        // The filtered value lands in the context parameter. An undefined one is
        // used first, unless the other arguments do not fit the signature.
        if (isUndefined(value) && value.strict && !argumentErrorOf(this.env, name, args, kwargs))
          value.fail();
        throw typeError(`${name}() cannot be used as a filter: it takes the evaluation context first`);
      }
      return callCatalog(this.env, name, [value, ...args], kwargs);
    }
    if (!Object.hasOwn(BUILTIN_FILTERS, name))
      throw new PyError("TemplateRuntimeError", `No filter named '${name}' found.`);
    checkFilterCall(name, args, kwargs);
    if (this.autoescape.runtime) {
      if (Object.hasOwn(AUTOESCAPE_FILTERS, name))
        return AUTOESCAPE_FILTERS[name]!(this, value, args, kwargs);
      if (MARKUP_RESULT_FILTERS.has(name)) return asMarkup(this.builtin(name, value, args, kwargs));
    }
    return this.builtin(name, value, args, kwargs);
  }

  private builtin(name: string, value: PyValue, args: PyValue[], kwargs: PyDict): PyValue {
    if (markupSeen()) return this.callWithMarkup(name, value, args, kwargs);
    return BUILTIN_FILTERS[name]!(this, value, args, kwargs);
  }

  /** A built-in filter where a Markup may be the value or an argument (see MARKUP_AS_IS, MARKUP_KEPT). */
  private callWithMarkup(name: string, value: PyValue, args: PyValue[], kwargs: PyDict): PyValue {
    const f = BUILTIN_FILTERS[name]!;
    if (MARKUP_AS_IS.has(name)) return f(this, value, args, kwargs);
    if (name === "truncate") return truncateMarkup(f, this, value, args, kwargs);
    if (name === "indent") return indentMarkup(f, this, value, args, kwargs);
    if (value instanceof Markup && MARKUP_KEPT.has(name)) {
      const arg = name === "trim" ? escapeArg : textOf;
      const r = f(this, value.text, args.map(arg), mapKwargs(kwargs, arg));
      return typeof r === "string" ? new Markup(r) : r;
    }
    return f(this, textOf(value), args.map(textOf), mapKwargs(kwargs, textOf));
  }

  callTest(name: string, value: PyValue, args: PyValue[], kwargs: PyDict): boolean {
    if (!Object.hasOwn(TESTS, name))
      throw new PyError("TemplateRuntimeError", `No test named '${name}' found.`);
    checkTestCall(name, args, kwargs);
    if (markupSeen() && name !== "escaped" && name !== "sameas")
      return TESTS[name]!(this, textOf(value), args.map(textOf), mapKwargs(kwargs, textOf));
    return TESTS[name]!(this, value, args, kwargs);
  }
}

/**
 * Filters given a Markup as it is: they make Markups, keep items as they are
 * (first, sort, map ...) or convert with str() (join, replace).
 */
const MARKUP_AS_IS = new Set([
  "escape",
  "e",
  "forceescape",
  "safe",
  "string",
  "format",
  "tojson",
  "xmlattr",
  "urlize",
  "pprint",
  "default",
  "d",
  "join",
  "replace",
  "attr",
  "first",
  "list",
  "length",
  "count",
  "sort",
  "unique",
  "min",
  "max",
  "map",
  "select",
  "reject",
  "selectattr",
  "rejectattr",
  "batch",
  "slice",
  "groupby",
  "dictsort",
  "items",
]);

/**
 * Filters that give a Markup for a Markup (Markup's methods, its
 * __getitem__): the text's result, marked safe. `trim`'s characters are
 * escaped as Markup.strip escapes them.
 */
const MARKUP_KEPT = new Set(["upper", "lower", "capitalize", "center", "trim", "reverse", "last", "random"]);

function mapKwargs(kwargs: PyDict, f: (v: PyValue) => PyValue): PyDict {
  const keys = Object.keys(kwargs);
  if (keys.length === 0) return kwargs;
  const out: PyDict = {};
  for (const k of keys) dictSet(out, k, f(kwargs[k]!));
  return out;
}

/**
 * `truncate` where the text or `end` is a Markup: a text short enough is
 * returned as it is; else `head + end` is Markup's +, escaping the plain side.
 */
function truncateMarkup(
  f: FilterFn,
  rt: FilterRuntime,
  value: PyValue,
  args: PyValue[],
  kwargs: PyDict,
): PyValue {
  const [, , end] = bindArgs("do_truncate", args, kwargs, ["length", "killwords", "end", "leeway"]);
  const r = f(rt, textOf(value), args.map(textOf), mapKwargs(kwargs, textOf));
  const text = textOf(value);
  if (typeof text !== "string" || !(value instanceof Markup || end instanceof Markup)) return r;
  if (r === text) return value;
  const endText = end === undefined ? "..." : toStr(end);
  const head = chars(toStr(r));
  head.splice(head.length - chars(endText).length);
  const endPart = end instanceof Markup ? end : endText;
  return value instanceof Markup
    ? new Markup(head.join("") + escapeText(endPart))
    : new Markup(htmlEscape(head.join("")) + escapeText(endPart));
}

/**
 * `indent` where the text or a string `width` is a Markup: Jinja's steps
 * with Markup's + and join (a plain text indented by a Markup is escaped
 * where the two meet).
 */
function indentMarkup(
  f: FilterFn,
  rt: FilterRuntime,
  value: PyValue,
  args: PyValue[],
  kwargs: PyDict,
): PyValue {
  const [w, first, blank] = bindArgs("do_indent", args, kwargs, ["width", "first", "blank"]);
  if (
    !(value instanceof Markup || w instanceof Markup) ||
    !(typeof value === "string" || value instanceof Markup)
  )
    return f(rt, textOf(value), args.map(textOf), mapKwargs(kwargs, textOf));
  // an int width: the spaces the plain filter puts before a first line
  let indention: PyValue =
    typeof w === "string" || w instanceof Markup ? w : toStr(f(rt, "", [w ?? 4, true], {}));
  let newline: PyValue = "\n";
  if (value instanceof Markup) {
    indention = markupOf(indention);
    newline = new Markup("\n");
  }
  const s = binaryOp("+", value, newline);
  const lines: PyValue[] =
    s instanceof Markup ? splitLines(s.text).map((l) => new Markup(l)) : splitLines(toStr(s));
  const join = (sep: PyValue, items: PyValue[]): PyValue =>
    sep instanceof Markup
      ? new Markup(items.map((x) => escapeValue(x).text).join(sep.text))
      : items.map(toStr).join(toStr(sep));
  let rv: PyValue;
  if (blank !== undefined && isTrue(blank)) rv = join(binaryOp("+", newline, indention), lines);
  else {
    rv = lines.shift()!;
    if (lines.length > 0) {
      const rest = lines.map((line) => (isTrue(line) ? binaryOp("+", indention, line) : line));
      rv = binaryOp("+", rv, binaryOp("+", newline, join(newline, rest)));
    }
  }
  if (first !== undefined && isTrue(first)) rv = binaryOp("+", indention, rv);
  return rv;
}
