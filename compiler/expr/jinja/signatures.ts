// The Python signatures of Jinja2 3.1's built-in filters and tests. Jinja
// calls them as `func(value, *args, **kwargs)`, so a wrong argument count or
// keyword is Python's TypeError before the filter runs (`{{ s | lower(1) }}`,
// `{{ x is eq }}`); the filter code itself reads its arguments leniently.

import { dictKeys } from "../../../runtime/stdlib/py/dict";
import { type PyDict, type PyValue, typeError } from "../../../runtime/stdlib/py/value";

interface Signature {
  /** The Python function's name, for the message. */
  readonly fn: string;
  /** Every parameter, the piped value's first; those after `required` have defaults. */
  readonly params: readonly string[];
  readonly required: number;
  /** `*args, **kwargs`: anything after the value is accepted. */
  readonly variadic?: boolean;
  /** A C builtin (abs, len, operator.eq ...): positional arguments only. */
  readonly builtin?: boolean;
}

/** "value x=" reads: parameters value and x, x with a default. */
function sig(fn: string, spec: string, flags: { variadic?: boolean; builtin?: boolean } = {}): Signature {
  const parts = spec.split(" ");
  return {
    fn,
    params: parts.map((p) => p.replace(/=$/, "")),
    required: parts.filter((p) => !p.endsWith("=")).length,
    ...flags,
  };
}

const builtin = { builtin: true };
const variadic = { variadic: true };

const FILTER_SIGNATURES: Record<string, Signature> = {
  abs: sig("abs", "x", builtin),
  attr: sig("do_attr", "obj name"),
  batch: sig("do_batch", "value linecount fill_with="),
  capitalize: sig("do_capitalize", "s"),
  center: sig("do_center", "value width="),
  count: sig("len", "obj", builtin),
  d: sig("do_default", "value default_value= boolean="),
  default: sig("do_default", "value default_value= boolean="),
  dictsort: sig("do_dictsort", "value case_sensitive= by= reverse="),
  e: sig("escape", "s", builtin),
  escape: sig("escape", "s", builtin),
  filesizeformat: sig("do_filesizeformat", "value binary="),
  first: sig("sync_do_first", "seq"),
  float: sig("do_float", "value default="),
  forceescape: sig("do_forceescape", "value"),
  format: sig("do_format", "value", variadic),
  groupby: sig("sync_do_groupby", "value attribute default= case_sensitive="),
  indent: sig("do_indent", "s width= first= blank="),
  int: sig("do_int", "value default= base="),
  items: sig("do_items", "value"),
  join: sig("sync_do_join", "value d= attribute="),
  last: sig("do_last", "seq"),
  length: sig("len", "obj", builtin),
  list: sig("sync_do_list", "value"),
  lower: sig("do_lower", "s"),
  map: sig("sync_do_map", "value", variadic),
  max: sig("do_max", "value case_sensitive= attribute="),
  min: sig("do_min", "value case_sensitive= attribute="),
  pprint: sig("do_pprint", "value"),
  random: sig("do_random", "seq"),
  reject: sig("sync_do_reject", "value", variadic),
  rejectattr: sig("sync_do_rejectattr", "value", variadic),
  replace: sig("do_replace", "s old new count="),
  reverse: sig("do_reverse", "value"),
  round: sig("do_round", "value precision= method="),
  safe: sig("do_mark_safe", "value"),
  select: sig("sync_do_select", "value", variadic),
  selectattr: sig("sync_do_selectattr", "value", variadic),
  slice: sig("sync_do_slice", "value slices fill_with="),
  sort: sig("do_sort", "value reverse= case_sensitive= attribute="),
  string: sig("soft_str", "s", builtin),
  striptags: sig("do_striptags", "value"),
  sum: sig("sync_do_sum", "iterable attribute= start="),
  title: sig("do_title", "s"),
  tojson: sig("do_tojson", "value indent="),
  trim: sig("do_trim", "value chars="),
  truncate: sig("do_truncate", "s length= killwords= end= leeway="),
  unique: sig("do_unique", "value case_sensitive= attribute="),
  upper: sig("do_upper", "s"),
  urlencode: sig("do_urlencode", "value"),
  urlize: sig("do_urlize", "value trim_url_limit= nofollow= target= rel= extra_schemes="),
  wordcount: sig("do_wordcount", "s"),
  wordwrap: sig("do_wordwrap", "s width= break_long_words= wrapstring= break_on_hyphens="),
  xmlattr: sig("do_xmlattr", "d autospace="),
};

const OPERATOR = (fn: string) => sig(fn, "a b", builtin);

const TEST_SIGNATURES: Record<string, Signature> = {
  "!=": OPERATOR("ne"),
  "<": OPERATOR("lt"),
  "<=": OPERATOR("le"),
  "==": OPERATOR("eq"),
  ">": OPERATOR("gt"),
  ">=": OPERATOR("ge"),
  eq: OPERATOR("eq"),
  equalto: OPERATOR("eq"),
  ge: OPERATOR("ge"),
  greaterthan: OPERATOR("gt"),
  gt: OPERATOR("gt"),
  le: OPERATOR("le"),
  lessthan: OPERATOR("lt"),
  lt: OPERATOR("lt"),
  ne: OPERATOR("ne"),
  callable: sig("callable", "obj", builtin),
  divisibleby: sig("test_divisibleby", "value num"),
  in: sig("test_in", "value seq"),
  sameas: sig("test_sameas", "value other"),
};

/** Every other test takes the value alone (the message names test_<name>). */
const VALUE_ONLY = sig("", "value");

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function quoteList(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  return q.length === 1 ? q[0]! : `${q.slice(0, -1).join(", ")} and ${q.at(-1)}`;
}

/** Raises Python's TypeError when `s` cannot take the value, `args` and `kwargs`. */
function bind(s: Signature, args: readonly PyValue[], kwargs: PyDict, fn = s.fn): void {
  const given = args.length + 1;
  // The common call, positional arguments only and as many as the signature takes, binds without building lists.
  if (!hasKeys(kwargs)) {
    if (s.variadic) return;
    if (s.builtin ? given === s.params.length : given >= s.required && given <= s.params.length) return;
  }
  const keywords = dictKeys(kwargs);
  if (s.builtin) {
    if (keywords.length > 0) throw typeError(`${fn}() takes no keyword arguments`);
    if (given !== s.params.length)
      throw typeError(`${fn}() takes exactly ${plural(s.params.length, "argument")} (${given} given)`);
    return;
  }
  if (s.variadic) {
    if (keywords.includes(s.params[0]!))
      throw typeError(`${fn}() got multiple values for argument '${s.params[0]}'`);
    return;
  }
  for (const key of keywords) {
    const i = s.params.indexOf(key);
    if (i < 0) throw typeError(`${fn}() got an unexpected keyword argument '${key}'`);
    if (i < given) throw typeError(`${fn}() got multiple values for argument '${key}'`);
  }
  if (given > s.params.length) {
    const takes =
      s.required === s.params.length ? String(s.required) : `from ${s.required} to ${s.params.length}`;
    throw typeError(
      `${fn}() takes ${takes} positional argument${s.params.length === 1 ? "" : "s"} but ${given} were given`,
    );
  }
  const missing = s.params.slice(given, s.required).filter((p) => !keywords.includes(p));
  if (missing.length > 0)
    throw typeError(
      `${fn}() missing ${plural(missing.length, "required positional argument")}: ${quoteList(missing)}`,
    );
}

function hasKeys(d: PyDict): boolean {
  for (const k in d) if (Object.hasOwn(d, k)) return true;
  return false;
}

/** Checks a call of the built-in filter `name` as Python would bind it. */
export function checkFilterCall(name: string, args: readonly PyValue[], kwargs: PyDict): void {
  const s = FILTER_SIGNATURES[name];
  if (s) bind(s, args, kwargs);
}

/** Checks a call of the built-in test `name` as Python would bind it. */
export function checkTestCall(name: string, args: readonly PyValue[], kwargs: PyDict): void {
  const s = TEST_SIGNATURES[name];
  if (s) bind(s, args, kwargs);
  else bind(VALUE_ONLY, args, kwargs, `test_${name}`);
}
