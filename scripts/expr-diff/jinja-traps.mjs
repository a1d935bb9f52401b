// Random Jinja cases for Python semantics that leak through (the trap-jinja,
// jinja-compare and render-text kinds): float rendering, number conversions,
// comparisons across types, undefined values, str() of containers, unicode.

import { dict, genAny, list, num, str } from "./jinja-operands.mjs";

const FLOATS = [
  "ctx('floats').a",
  "ctx('floats').b",
  "ctx('floats').c",
  "ctx('floats').d",
  "ctx('floats').e",
  "ctx('floats').one",
  "ctx('floats').big",
  "ctx('fone')",
  "ctx('fone') + 1",
  "ctx('ftwo') * 2",
  "ctx('fls') | sum",
  "0.1 + 0.2",
  "1 / 3",
  "2 / 2",
  "1e16",
  "1e15 + 0.3",
  "1e-4",
  "123456789012345678.0",
  "ctx('fl2') | sum",
  "ctx('f') * 3",
  "10 / 4",
  "2 ** 0.5",
  "-7 / 2",
  "1.5e300 * 1.5e10",
  "ctx('big') * 1.0",
  "ctx('big') / 7",
  "0.1 * 3",
  "1e22",
  "1e21 + 1",
  "5e-324",
];

const CONVERSIONS = [
  (r) =>
    `${r.pick(["' 7 '", "'0x1A'", "'1e3'", "'3.5'", "'-3'", "'1_000'", "'٣'", "'１２'", "'+5'", "'0b11'", "'0o7'", "'inf'", "'nan'", "'-Infinity'", "' 1e3 '", "'1_0.5'", "''", "'abc'", "true", "3.99", "-3.99", "none", "ctx('digits')", "ctx('num')", "ctx('fnum')", "[1]"])} | ${r.pick(["int", "float", "int(base=0)", "int(7)", "float(1.5)", "int(base=16)", "string", "abs", "round", "round(1)"])}`,
  (r) =>
    `(${r.pick(FLOATS)}) | ${r.pick(["round", "round(2)", "round(0, 'ceil')", "round(1, 'floor')", "int", "string", "abs", "float"])}`,
  (r) => `${r.pick(FLOATS)}`,
  (r) => `(${r.pick(FLOATS)}) ~ ''`,
  (r) => `[${r.pick(FLOATS)}, ${r.pick(FLOATS)}] | string`,
  (r) =>
    `'%s|%r|%.3f|%g|%e' % (${r.pick(FLOATS)}, ${r.pick(FLOATS)}, ${r.pick(FLOATS)}, ${r.pick(FLOATS)}, ${r.pick(FLOATS)})`,
  (r) =>
    `'{}|{!r}|{:.3}|{:g}|{:e}|{:%}'.format(${r.pick(FLOATS)}, ${r.pick(FLOATS)}, ${r.pick(FLOATS)}, ${r.pick(FLOATS)}, ${r.pick(FLOATS)}, ${r.pick(FLOATS)})`,
  (r) => `(${r.pick(FLOATS)}) | tojson`,
  (r) =>
    `${r.pick(["(3).bit_length()", "(2.5).is_integer()", "(2.0).is_integer()", "(2.5).as_integer_ratio()", "(7).conjugate()", "(-7).__abs__()", "(255).to_bytes(2, 'big')", "(2.5).hex()", "ctx('i').bit_length()", "ctx('f').is_integer()"])}`,
];

const COMPARES = [
  "[1, 2] < [1, 3]",
  "[1, 2] < [1, 2, 0]",
  "(1, 2) == [1, 2]",
  "(1, 2) < (1, 'a')",
  "none < 1",
  "'a' < 1",
  "'a' < 'B'",
  "'ä' > 'z'",
  "{'a': 1} == {'a': 1.0}",
  "{'a': 1} < {'a': 2}",
  "1 == 1.0 == true",
  "0 == false == 0.0",
  "1 < 2 > 1",
  "none == none",
  "none is none",
  "[] == []",
  "'1' == 1",
  "ctx('l') == [3, 1, 2]",
  "ctx('d') == {'a': 1, 'b': 2, 'c': [1, 2]}",
  "ctx('big') > 1e13",
  "2 ** 64 > 1.8e19",
  "ctx('nf') < -0.0",
  "-0.0 == 0",
  "[none] < [1]",
  "[1, none] == [1, none]",
  "true > false",
  "true + true",
  "(1,) in [(1,)]",
  "[1] in [[1]]",
  "'b' in ['a', 'b']",
  "none in [none]",
  "1.0 in [1]",
  "'ell' in ctx('s')",
  "'a' in ctx('d')",
  "1 in ctx('d').values()",
];

const UNDEFINED = [
  (r) =>
    `${r.pick(["ctx('d').zz", "ctx().missing", "ctx('l')[9]", "ctx('d')['zz']", "ctx('hosts')[0].nope", "ctx('s').nope", "ctx('deep').a.zz"])} ${r.pick(["| default('x')", "| default(none)", "is defined", "is undefined", "| d(ctx('i'))", "| default('x', true)", "is none", "| string", "| length", "~ 'x'", "== none", "or 'y'", "and 'y'", "| list", "| first", "| tojson", ".yy | default(2)", "if true else 1", "if false else 1", "| items | list", "| lower", "in [1]", "| join(',')", "| int", "| attr('x')", "| map('upper') | list", "| reject | list"])}`,
  (r) =>
    `${r.pick(["ctx('hosts') | map(attribute='tags') | list", "ctx('hosts') | map(attribute='tags', default=[]) | list", "ctx('hosts') | selectattr('tags') | list", "ctx('hosts') | sum(attribute='port')", "ctx('hosts') | map(attribute='tags.0') | list", "ctx('hosts') | sort(attribute='tags') | list", "ctx('hosts') | groupby('tags') | list", "ctx('hosts') | selectattr('tags', 'defined') | map(attribute='name') | list", "ctx('hosts') | rejectattr('tags', 'undefined') | list | length"])}`,
];

// Words for urlize: schemes, hosts, ports, paths and the punctuation and
// escaped characters it trims or balances (written as Jinja string escapes).
const URL_PARTS = [
  "http://",
  "https://",
  "HTTP://",
  "www.",
  "mailto:",
  "ftp://",
  "example.com",
  "a.b.org",
  "ab.info",
  "例え.jp",
  "xn--p1ai",
  "1.2.3.4",
  "[::1]",
  "me@you.io",
  ":8080",
  "/a_(b)",
  "?q=1&r=<2>",
  "#f",
  "(",
  ")",
  "<",
  ">",
  ".",
  ",",
  "&lt;",
  "&gt;",
  "&",
  "\\'",
  "@",
  "ſ",
  "ı",
];
const URL_SPACES = [" ", " ", "  ", "\\n", "\\t", "\\u00a0"];

function urlText(r) {
  const words = Array.from({ length: r.int(1, 4) }, () =>
    Array.from({ length: r.int(1, 5) }, () => r.pick(URL_PARTS)).join(""),
  );
  return `'${words.map((w) => w + r.pick(URL_SPACES)).join("")}'`;
}

const STR_TRAPS = [
  (r) =>
    `${urlText(r)} | urlize${r.pick(["", "(12)", "(0)", "(nofollow=true)", "(target='_blank', rel='b a')", "(extra_schemes=['ftp:', 'tel:'])", "(extra_schemes=['ftp'])", "(2.5)"])}`,
  (r) => `${str(r)}.title()`,
  (r) => `${str(r)} | title`,
  (r) => `${str(r)} | capitalize`,
  (r) => `${str(r)}[${r.pick(["::-1", "1:-1", "-3:", "::3", "5:2:-1", "100:", "-100:2"])}]`,
  (r) =>
    `${str(r)} | ${r.pick(["wordcount", "length", "reverse", "list | length", "upper | list | last", "center(40)", "indent(3, true)", "truncate(20)", "truncate(20, true, '…', 0)", "wordwrap(12)", "wordwrap(12, false)", "urlencode", "urlize", "escape | length", "striptags", "trim | lower", "replace(' ', '')", "slice(3) | list", "batch(4) | list | length"])}`,
  (r) =>
    `${str(r)}.${r.pick(["split()", "split(' ', 2)", "rsplit(' ', 2)", "splitlines()", "partition(',')", "rpartition(' ')", "strip('T.')", "zfill(8)", "center(30, '*')", "count('o')", "find('dog')", "rfind('o')", "index('q')", "upper().lower()", "swapcase()", "casefold()", "expandtabs(4)", "encode('utf-8')", "isascii()", "istitle()", "ljust(5)"])}`,
];

const RENDER = [
  (r) => `${genAny(r)}`,
  (r) => `${list(r)}`,
  (r) => `${dict(r)}`,
  (r) => `(${genAny(r, 1)}, ${genAny(r, 1)})`,
  (r) => `{'k': (${num(r)},), 'n': none, 't': true, 's': 'it\\'s', 'u': 'é'}`,
  (r) => `[${genAny(r, 1)}] * 2`,
  (_r) => `ctx('hosts') | groupby('up') | list`,
  (_r) => `ctx('d').items() | list`,
  (_r) => `ctx('kv') | dictsort`,
  (_r) => `ctx('words') | batch(3) | list`,
  (_r) => `range(3) | list`,
  (_r) => `'"quoted" \\\\ back'`,
  (_r) => `'tab\\there'`,
  (_r) => `ctx('uni')`,
  (_r) => `['é', '\\u2713', 'a\\nb', "it's", 'say "hi"']`,
];

const PATTERNS = [
  "'o'",
  "'^H'",
  "'(\\w+) (\\w+)'",
  "'[0-9]+'",
  "'(?P<x>l+)'",
  "'\\s+'",
  "'(a)(b)?'",
  "'x*'",
  "'^$'",
  "'(?i)hello'",
  "'d$'",
  "'\\bw'",
];
const REPLACEMENTS = ["'X'", "'\\1'", "'\\g<0>!'", "'<\\2 \\1>'", "''", "'\\\\'", "'$1'"];

const ST2 = [
  (r) =>
    `${r.pick(["regex_match", "regex_search"])}(${genAny(r, 2)}, ${r.pick(PATTERNS)}${r.chance(0.3) ? ", true" : ""})`,
  (r) =>
    `regex_replace(${str(r)}, ${r.pick(PATTERNS)}, ${r.pick(REPLACEMENTS)}${r.chance(0.3) ? ", true" : ""})`,
  (r) =>
    `regex_substring(${str(r)}, ${r.pick(PATTERNS)}${r.chance(0.5) ? `, ${r.pick(["0", "1", "-1", "5"])}` : ""})`,
  (r) =>
    `${genAny(r, 1)} | ${r.pick(["to_json_string", "json_escape", "to_json_string(2)", "to_json_string(sort_keys=true)", "json_dump", "use_none", "string | from_json_string", "to_json_string | from_json_string", "tojson | json_parse"])}`,
  (r) =>
    `to_json_string(${r.pick([dict, list, str])(r)}, ${r.pick(["none", "2", "0", "'\t'"])}, ${r.pick(["true", "false"])}, ${r.pick(["none", "[',', ':']", "(';', '=')"])})`,
  (r) =>
    `from_json_string(${r.pick(["'[1, 2.0, \"a\"]'", '\'{"b": 1, "a": null}\'', "'1e400'", "'NaN'", "'12345678901234567890'", "' 3 '", "'\"\\\\u00e9\"'", "'[1,]'", "ctx('num')", "ctx('fnum')"])})`,
  (r) =>
    `${r.pick(["basename", "dirname"])}(${r.pick(["'/a/b/c.txt'", "'c.txt'", "'/a/b/'", "'/'", "''", "'a//b'", "'//x'"])})`,
  (r) =>
    `from_yaml_string(${r.pick(["'a: 1'", "'- x\n- 2.5'", "'yes'", "'010'", "'1e3'", "'~'", "'2020-01-01'", "ctx('num')"])})`,
];

const PIECES = [
  "ctx('l')",
  "ctx().d",
  "ctx('s')",
  "1",
  "2.5",
  "'a'",
  "none",
  "x",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ":",
  ".",
  "|",
  "+",
  "-",
  "*",
  "/",
  "//",
  "%",
  "**",
  "~",
  "==",
  "<",
  "and",
  "or",
  "not",
  "in",
  "is",
  "if",
  "else",
  "length",
  "upper",
  "default",
  "defined",
  "=",
  "'",
  "1.",
  ".5",
  "0x",
  "1e",
  "1_",
  "__class__",
  "self",
  "loop",
  "range(3)",
  "lipsum",
  "{}",
  "[]",
  "()",
];

/** A malformed or odd expression: which error category Jinja gives (syntax, undefined, evaluation). */
function malformed(r) {
  const n = r.int(1, 6);
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(r.pick(PIECES));
  return parts.join(r.pick([" ", ""]));
}

/** One random case of the trap kinds. */
export function trapExpression(r) {
  const k = r.int(0, 7);
  if (k === 7) return { group: "jinja-errors", expr: malformed(r) };
  if (k === 6) return { group: "st2-jinja", expr: r.pick(ST2)(r) };
  if (k === 0) return { group: "trap-jinja", expr: r.pick(CONVERSIONS)(r) };
  if (k === 1) return { group: "jinja-compare", expr: r.pick(COMPARES) };
  if (k === 2) return { group: "jinja-errors", expr: r.pick(UNDEFINED)(r) };
  if (k === 3) return { group: "jinja-strings", expr: r.pick(STR_TRAPS)(r) };
  return { group: "render-text", expr: r.pick(RENDER)(r) };
}
