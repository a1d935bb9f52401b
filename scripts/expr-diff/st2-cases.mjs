// Random calls of StackStorm's expression functions (the ones the orquesta
// runner registers: JSON and YAML conversions, json_escape, jsonpath_query,
// regex_*, version_*, to_human_time_from_seconds, use_none, basename,
// dirname, st2kv) in the golden case format, YAQL and Jinja, call and filter
// syntax, with arguments drawn from edge-case pools: the values where Python's
// json, PyYAML's emitter, jsonpath-rw, re and semver behave in ways a
// re-implementation easily misses. `__float:X` strings stand for float
// literals in the JSON text (fuzz-st2.mjs writes them raw).

import { mulberry32 } from "../lib/seeded.mjs";
import { randomDocument } from "../yaml-diff/random-yaml.mjs";

const F = (x) => `__float:${x}`;

const CTX = {
  st2: { user: "stanley" },
  s: "Hello World",
  e: "",
  uni: "naïve café ☃ 😀",
  ctl: 'tab\there "q" back\\slash\nnew\rline \u0001 \u007f \u2028',
  long: "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore",
  multi: "line one\nline two\n  indented\n",
  trailing: "ends with space ",
  yamlish: "yes",
  colon: "key: value # not a comment",
  numstr: "0x1F",
  n: null,
  t: true,
  i: 42,
  neg: -7,
  big: F("123456789012345678901234567890"),
  f: F("2.5"),
  fi: F("3.0"),
  tiny: F("1e-07"),
  huge: F("1e+300"),
  l: [3, 1, 2],
  ls: ["b", "a", "c"],
  lm: [1, "two", null, true, F("4.5"), { k: "v" }, [5]],
  ld: [
    { name: "a", id: 1, tags: ["x"] },
    { name: "b", id: 2, tags: [] },
    { name: "c", id: 3 },
  ],
  d: { b: 1, a: [1, 2], s: 'x"y' },
  nested: { z: { y: { x: [1, { w: "deep" }] } }, a: null, "key with space": "v", 1: "num key" },
  emptyd: {},
  emptyl: [],
  ver: "1.10.2",
  pre: "1.0.0-rc.1+build.5",
  path: "/var/log/syslog.1",
  js: '{"a": 1, "b": [true, null], "c": 1.5, "d": "\\u00e9"}',
  ys: "a: 1\nb:\n  - x\n  - y\n",
};

const VALUES = [
  "s",
  "e",
  "uni",
  "ctl",
  "long",
  "multi",
  "trailing",
  "yamlish",
  "colon",
  "numstr",
  "n",
  "t",
  "i",
  "neg",
  "big",
  "f",
  "fi",
  "tiny",
  "huge",
  "l",
  "ls",
  "lm",
  "ld",
  "d",
  "nested",
  "emptyd",
  "emptyl",
];

const JSON_TEXTS = [
  "1",
  "1.0",
  "-0",
  "1e400",
  "1E2",
  "123456789012345678901234567890",
  "18446744073709551615",
  "-9223372036854775808",
  "NaN",
  "Infinity",
  '"x"',
  "true",
  "null",
  "[1, 2,]",
  '{"a": 1, "a": 2}',
  '  {"a" : [ ] }  ',
  "",
  "{'a': 1}",
  '"\\ud800"',
  '"\\u00e9\\n"',
  "[[[[1]]]]",
  "01",
  "1.",
  ".5",
  '{"b": 2, "a": 1}',
];

const YAML_TEXTS = [
  "a: 1",
  "- x\n- y",
  "1.0",
  "yes",
  "No",
  "~",
  "null",
  "",
  "2001-12-14",
  "0o17",
  "0x1F",
  "017",
  "1_000",
  "+1",
  ".inf",
  "-.INF",
  ".nan",
  "1e3",
  "1.0e+3",
  "a: &x [1]\nb: *x",
  "--- 1\n--- 2",
  "!!python/object:os.system x",
  "a: !!str 1",
  "a:\n\tb: 1",
  "{a: 1, b: [2, 3]}",
  "'quoted'",
  '"esc\\tape"',
  "key: value # comment",
  "? complex\n: key",
  "a: |\n  block\n  text\n",
  "a: >\n  folded\n  text\n",
  "[1, 2",
  "12:30:00",
  "<<: {a: 1}\nb: 2",
  "a: b: c",
];

const JSONPATHS = [
  "$",
  "a",
  "$.a",
  "a[0]",
  "a[*]",
  "a[-1]",
  "a[1:]",
  "a[:1]",
  "a[0:2:1]",
  "*",
  "$.*",
  "$..x",
  "$..*",
  "..w",
  "z.y.x[1].w",
  "z..w",
  "nested.z",
  "[0]",
  "[*].name",
  "[*].tags[0]",
  "$[1:].id",
  "'key with space'",
  '"1"',
  "a,b",
  "['a','b']",
  "a | b",
  "a & b",
  "@",
  "`this`",
  "a where b",
  "$.a[?(@ > 1)]",
  "a.`parent`",
  "(a)",
  "a.length",
  "missing",
  "a[5]",
  "a..",
  "[",
  "1",
];

const PATTERNS = [
  "o",
  "(\\\\w+)",
  "(\\\\w+) (\\\\w+)",
  "^H",
  "d$",
  "(?P<first>\\\\w+)",
  "(?i)hello",
  "l+",
  "x*",
  "",
  "[",
  "(a)|(b)",
  "\\\\d{2,}",
  "W(?=o)",
  "(?<!l)l",
  ".",
  "\\\\s",
  "é",
  "\\\\bW",
  "(o)(r)?",
];

const REPLACEMENTS = [
  "0",
  "\\\\1",
  "\\\\g<1>",
  "\\\\g<first>",
  "[\\\\2]",
  "$1",
  "\\\\n",
  "",
  "\\\\\\\\",
  "&",
];

const VERSIONS = [
  "1.10.2",
  "1.2.3",
  "0.0.0",
  "1.0.0-alpha",
  "1.0.0-alpha.1",
  "1.0.0-alpha.beta",
  "1.0.0-beta.2",
  "1.0.0-beta.11",
  "1.0.0-rc.1",
  "1.0.0",
  "1.0.0+build.1",
  "1.0.0-rc.1+build.5",
  "2.0.0",
  "1.2",
  "v1.2.3",
  "01.2.3",
  "1.2.3.4",
  "1.2.3-",
  "",
  "10.20.30",
  "1.0.0-0A.is.legal",
];

const MATCHES = [
  ">1.9.0",
  ">=1.10.2",
  "<2.0.0",
  "<=1.0.0",
  "==1.10.2",
  "!=1.10.2",
  "1.10.2",
  "=1.10.2",
  ">1.9",
  "~1.0.0",
  "> 1.0.0",
  ">1.0.0-rc.1",
  "",
];

const SECONDS = [
  0,
  F("0.5"),
  F("0.0001"),
  -5,
  F("-1.5"),
  1,
  59,
  F("59.5"),
  F("60.5"),
  F("61.49"),
  60,
  3599,
  3600,
  3725,
  86399,
  86400,
  90061,
  2592000,
  3456000,
  31535999,
  31536000,
  31622400,
  100000000,
  F("1e10"),
  F("1e12"),
  '"5"',
  "null",
  "true",
  "[]",
];

const PATHS = ["/var/log/syslog.1", "a", "", "/", "a/b/", "//x", "a/b/c.txt", "./x", "../y/z", "/a//b"];

function yaqlLit(r, v) {
  if (typeof v === "string") return r.chance(0.5) ? `'${v}'` : `"${v}"`;
  return String(v);
}

function jinjaLit(_r, v) {
  return typeof v === "string" ? `'${v}'` : String(v);
}

/** A call of `name` on the positional arguments `args` and keyword arguments `kwargs`, YAQL or Jinja. */
function call(r, lang, name, args, kwargs = []) {
  if (lang === "yaql") {
    const kw = kwargs.map(([k, v]) => `${k} => ${v}`);
    return `<% ${name}(${[...args, ...kw].join(", ")}) %>`;
  }
  const kw = kwargs.map(([k, v]) => `${k}=${v}`);
  if (args.length > 0 && r.chance(0.5)) {
    const rest = [...args.slice(1), ...kw];
    return `{{ ${args[0]} | ${name}${rest.length > 0 ? `(${rest.join(", ")})` : ""} }}`;
  }
  return `{{ ${name}(${[...args, ...kw].join(", ")}) }}`;
}

const ctxRef = (lang, name) => (lang === "yaql" ? `ctx(${name})` : `ctx('${name}')`);

/** YAQL values a Python function meets other than the context's: iterators, views, literals, yaql's own dicts. */
const YAQL_COMPUTED = [
  "ctx(l).select($ * 2)",
  "ctx(ld).where($.id > 1)",
  "ctx(ld).select($.name)",
  "ctx(d).keys()",
  "ctx(d).values()",
  "ctx(l).orderBy($)",
  "ctx(l).select($).toList()",
  "[ctx(d), 1]",
  "dict(a => ctx(l))",
  "{a => [1, 2]}",
  "ctx(d).set(k, 1)",
  "ctx(ld).first()",
  "ctx(l).toSet()",
  "range(3)",
  "ctx(d).items()",
  "list(ctx(l))",
];

/** A data argument: mostly a context value, under YAQL sometimes a computed one. */
function valueArg(r, lang, names = VALUES) {
  return lang === "yaql" && r.chance(0.25) ? r.pick(YAQL_COMPUTED) : ctxRef(lang, r.pick(names));
}
const lit = (r, lang, v) => (lang === "yaql" ? yaqlLit(r, v) : jinjaLit(r, v));
const boolLit = (lang, b) => (lang === "yaql" ? String(b) : b ? "true" : "false");
const noneLit = (lang) => (lang === "yaql" ? "null" : "none");

/** A string argument: a literal from the pool, or the same text through the context. */
function textArg(r, lang, pool, ctx, key) {
  const v = r.pick(pool);
  if (r.chance(0.5) || /['"\\\n]/.test(v)) {
    ctx[key] = v;
    return ctxRef(lang, key);
  }
  return lit(r, lang, v);
}

const SHAPES = {
  to_json_string(r, lang) {
    const name = r.pick(["to_json_string", "json_dump"]);
    const kwargs = [];
    if (r.chance(0.3)) kwargs.push(["indent", r.pick(["2", "0", "4", noneLit(lang), "'  '"])]);
    if (r.chance(0.3))
      kwargs.push(["sort_keys", r.pick([boolLit(lang, true), boolLit(lang, false), noneLit(lang)])]);
    if (r.chance(0.2)) kwargs.push(["separators", r.pick([`[',', ':']`, noneLit(lang), `[', ', ': ']`])]);
    return call(r, lang, name, [valueArg(r, lang)], kwargs);
  },
  to_yaml_string(r, lang, ctx) {
    const name = r.pick(["to_yaml_string", "yaml_dump"]);
    const kwargs = [];
    if (r.chance(0.25)) kwargs.push(["indent", r.pick(["4", "2", "1", "10", noneLit(lang)])]);
    if (r.chance(0.25))
      kwargs.push(["allow_unicode", r.pick([boolLit(lang, false), boolLit(lang, true), noneLit(lang)])]);
    const value = r.chance(0.8) ? valueArg(r, lang) : textArg(r, lang, YAML_TEXTS, ctx, "text");
    return call(r, lang, name, [value], kwargs);
  },
  from_json_string(r, lang, ctx) {
    const name = r.pick(["from_json_string", "json_parse"]);
    const arg = r.chance(0.85) ? textArg(r, lang, JSON_TEXTS, ctx, "text") : ctxRef(lang, r.pick(VALUES));
    return call(r, lang, name, [arg]);
  },
  from_yaml_string(r, lang, ctx) {
    const name = r.pick(["from_yaml_string", "yaml_parse"]);
    const arg = r.chance(0.85) ? textArg(r, lang, YAML_TEXTS, ctx, "text") : ctxRef(lang, r.pick(VALUES));
    return call(r, lang, name, [arg]);
  },
  /** A random document of every YAML style (the workflow loader's fuzzer makes them). */
  from_yaml_random(r, lang, ctx) {
    ctx.text = randomDocument(r.int(1, 1e9));
    return call(r, lang, r.pick(["from_yaml_string", "yaml_parse"]), [ctxRef(lang, "text")]);
  },
  /** Loaded YAML written back: the dumpers over every kind of value the loader makes. */
  yaml_round_trip(r, lang, ctx) {
    ctx.text = randomDocument(r.int(1, 1e9));
    const load = call(r, lang, "from_yaml_string", [ctxRef(lang, "text")]).replace(
      /^(<%|\{\{) | (%>|\}\})$/g,
      "",
    );
    const dump = r.pick(["to_yaml_string", "to_json_string", "json_escape", "yaml_dump"]);
    const kwargs = dump === "to_json_string" && r.chance(0.5) ? [["indent", "2"]] : [];
    return lang === "yaql"
      ? `<% ${dump}(${load}${kwargs.map(([k, v]) => `, ${k} => ${v}`).join("")}) %>`
      : `{{ ${dump}(${load}${kwargs.map(([k, v]) => `, ${k}=${v}`).join("")}) }}`;
  },
  json_escape(r, lang) {
    return call(r, lang, "json_escape", [valueArg(r, lang)]);
  },
  jsonpath_query(r, lang, ctx) {
    const value = valueArg(r, lang, ["d", "nested", "ld", "l", "s", "i", "n", "emptyd", "lm"]);
    return call(r, lang, "jsonpath_query", [value, textArg(r, lang, JSONPATHS, ctx, "query")]);
  },
  regex(r, lang) {
    const fn = r.pick(["regex_match", "regex_search", "regex_replace", "regex_substring"]);
    const value = ctxRef(lang, r.pick(["s", "s", "uni", "multi", "i", "l", "n", "e"]));
    const args = [value, lit(r, lang, r.pick(PATTERNS))];
    if (fn === "regex_replace") args.push(lit(r, lang, r.pick(REPLACEMENTS)));
    if (fn === "regex_substring" && r.chance(0.6)) args.push(r.pick(["0", "1", "-1", "2", "5"]));
    if (r.chance(0.3)) {
      const ic = r.pick([boolLit(lang, true), boolLit(lang, false), "1", "'yes'"]);
      if (r.chance(0.5)) args.push(ic);
      else return call(r, lang, fn, args, [["ignorecase", ic]]);
    }
    return call(r, lang, fn, args);
  },
  to_human_time_from_seconds(r, lang, ctx) {
    ctx.secs = r.pick(SECONDS);
    if (typeof ctx.secs === "string" && !ctx.secs.startsWith("__float")) ctx.secs = JSON.parse(ctx.secs);
    return call(r, lang, "to_human_time_from_seconds", [ctxRef(lang, "secs")]);
  },
  version(r, lang, ctx) {
    const fn = r.pick([
      "version_compare",
      "version_more_than",
      "version_less_than",
      "version_equal",
      "version_match",
      "version_bump_major",
      "version_bump_minor",
      "version_bump_patch",
      "version_strip_patch",
    ]);
    const args = [textArg(r, lang, VERSIONS, ctx, "v1")];
    if (fn === "version_match") args.push(textArg(r, lang, MATCHES, ctx, "v2"));
    else if (!fn.includes("bump") && !fn.includes("strip")) args.push(textArg(r, lang, VERSIONS, ctx, "v2"));
    return call(r, lang, fn, args);
  },
  use_none(r, lang) {
    return call(r, lang, "use_none", [valueArg(r, lang)]);
  },
  path(r, lang, ctx) {
    const arg = r.chance(0.85) ? textArg(r, lang, PATHS, ctx, "p") : ctxRef(lang, r.pick(["i", "n", "l"]));
    return call(r, lang, r.pick(["basename", "dirname"]), [arg]);
  },
  st2kv(r, lang, _ctx, datastore) {
    datastore["system.host"] = "10.0.0.5";
    datastore.token = "user-token";
    datastore["system.cfg"] = '{"a": 1}';
    const key = r.pick([
      "'system.host'",
      "'token'",
      "'system.missing'",
      "'missing'",
      "'system.cfg'",
      "1",
      noneLit(lang),
    ]);
    const kwargs = [];
    if (r.chance(0.3)) kwargs.push(["default", r.pick(["'fb'", noneLit(lang), "0"])]);
    if (r.chance(0.25)) kwargs.push(["decrypt", r.pick([boolLit(lang, true), "'yes'", "1"])]);
    return call(r, lang, "st2kv", [key], kwargs);
  },
};

/** `count` cases from `seed`: about a tenth of them in text or combined with a second call. */
export function generate(seed, count) {
  const r = mulberry32(seed);
  const names = Object.keys(SHAPES);
  const cases = [];
  for (let n = 0; n < count; n++) {
    const lang = r.chance(0.5) ? "yaql" : "jinja";
    const ctx = structuredClone(CTX);
    const datastore = {};
    const shape = r.pick(names);
    let expr = SHAPES[shape](r, lang, ctx, datastore);
    if (r.chance(0.1)) expr = `value: ${expr}`;
    const c = { id: `st2-${seed}-${n}`, lang, expr, ctx, tags: [`st2-${shape}`] };
    if (Object.keys(datastore).length > 0) c.datastore = datastore;
    cases.push(c);
  }
  return cases;
}
