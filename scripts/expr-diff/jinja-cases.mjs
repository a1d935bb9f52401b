// Random Jinja expression cases in the golden case format (id, lang, expr,
// ctx, tags), from a seeded PRNG so a run can be repeated.
//
// Each case picks one of the shapes below (filters with arguments, tests,
// Python methods, arithmetic, comparisons, membership, indexing and slicing,
// literals, logic, statements, text around expressions, Markup strings
// from jinja-markup.mjs) and fills it with
// random operands: literals and ctx() reads of a context that holds strings,
// numbers, lists, dicts and nested values.

import { markupExpression, markupText } from "./jinja-markup.mjs";
import {
  bool,
  CONTEXT,
  DICT_LITS,
  dict,
  genAny,
  LIST_LITS,
  list,
  NUM_LITS,
  num,
  prng,
  STR_LITS,
  smallInt,
  str,
} from "./jinja-operands.mjs";
import { templateCase } from "./jinja-templates.mjs";
import { trapExpression } from "./jinja-traps.mjs";

const FILTERS = [
  (r) => `default(${genAny(r, 2)}${r.chance(0.4) ? `, ${bool(r)}` : ""})`,
  (r) => `d(${genAny(r, 2)})`,
  (r) => r.pick(["join", `join(${str(r)})`, `join(', ', attribute='name')`, "join('-')"]),
  (r) => `replace(${str(r)}, ${str(r)}${r.chance(0.4) ? `, ${smallInt(r)}` : ""})`,
  (r) =>
    r.pick([
      "trim",
      "trim('x')",
      "trim(' tab')",
      "upper",
      "lower",
      "title",
      "capitalize",
      "wordcount",
      "striptags",
      "escape",
      "e",
      "forceescape",
      "urlencode",
      "length",
      "count",
      "string",
      "list",
      "first",
      "last",
      "abs",
      "unique",
      "reverse",
      "sum",
      "min",
      "max",
      "int",
      "float",
      "items",
      "dictsort",
      "tojson",
      "pprint",
      "safe",
    ]),
  (r) => `center(${r.pick(["", "11", "3", "-2", "20"])})`,
  (r) =>
    `sort${r.pick(["", "(reverse=true)", "(case_sensitive=true)", "(attribute='name')", "(attribute='port', reverse=true)", "(true)", "(attribute='0')", "(attribute='name,port')"])}`,
  (r) => `unique${r.pick(["", "(case_sensitive=true)", "(attribute='up')"])} | list`,
  (r) => `reverse | ${r.pick(["list", "join(',')", "first"])}`,
  (r) =>
    `map(${r.pick(["'upper'", "'string'", "'int'", "'float'", "'length'", "attribute='name'", "attribute='missing', default=0", "'default', 'x'", "'round', 1", "'abs'", "'trim'", "'lower'", "'replace', 'a', 'b'", "'first'", "'list'", "attribute='tags.0'"])}) | list`,
  (r) =>
    `${r.pick(["select", "reject"])}(${r.pick(["", "'odd'", "'even'", "'none'", "'number'", "'string'", "'defined'", "'divisibleby', 2", "'gt', 1", "'lt', 2", "'equalto', 1", "'in', [1, 2]", "'sameas', true", "'lower'", "'truthy'", "'integer'", "'float'", "'iterable'", "'mapping'"])}) | list`,
  (r) =>
    `${r.pick(["selectattr", "rejectattr"])}(${r.pick(["'up'", "'port', 'gt', 100", "'name', 'equalto', 'db1'", "'tags'", "'missing'", "'name', 'in', ['web1']", "'port', 'odd'", "'tags', 'defined'"])}) | list`,
  (r) => `sum${r.pick(["", "(start=10)", "(attribute='port')", "(attribute='port', start=0.5)"])}`,
  (r) =>
    `${r.pick(["min", "max"])}${r.pick(["", "(case_sensitive=true)", "(attribute='port')", "(attribute='name')"])}`,
  (r) =>
    `round${r.pick(["", "(1)", "(2, 'floor')", "(0, 'ceil')", "(1, 'common')", "(-1)", "(method='ceil')", "(2, 'bogus')"])}`,
  (r) => `int${r.pick(["", "(5)", "(base=16)", "(0, 2)", "(default=-1)", "(0, 8)"])}`,
  (r) => `float${r.pick(["", "(1.5)", "(default=0)"])}`,
  (r) => `batch(${r.pick(["2", "3", "1", "2, 'x'", "4, 0"])}) | list`,
  (r) => `slice(${r.pick(["2", "3", "1", "2, 'x'", "4, 0"])}) | list`,
  (r) =>
    `groupby(${r.pick(["'up'", "'port'", "'name'", "'0'", "attribute='up', default=false", "'up', case_sensitive=true"])}) | list`,
  (r) => `dictsort${r.pick(["", "(true)", "(by='value')", "(reverse=true)", "(false, 'value', true)"])}`,
  (r) =>
    `indent${r.pick(["", "(2)", "(2, true)", "(first=true)", "('> ')", "(4, blank=true)", "(2, true, true)"])}`,
  (r) =>
    `truncate(${r.pick(["5", "9", "12, true", "10, false, '…'", "8, true, '...', 0", "3, leeway=0", "255"])})`,
  (r) => `wordwrap(${r.pick(["5", "10", "7, true, '|'", "6, break_long_words=false"])})`,
  (r) => `format(${genAny(r, 2)}${r.chance(0.5) ? `, ${genAny(r, 2)}` : ""})`,
  (r) => `tojson${r.pick(["", "(2)", "(indent=1)"])}`,
  (_r) => `urlencode`,
  (r) =>
    `urlize${r.pick(["", "(5)", "(nofollow=true)", "(target='t', rel='x')", "(extra_schemes=['ftp:'])"])}`,
  (r) => `filesizeformat${r.pick(["", "(true)"])}`,
  (r) => `list | ${r.pick(["length", "first", "last", "sort", "join('')"])}`,
  (r) => `string | ${r.pick(["length", "upper", "list", "first"])}`,
  (r) => `attr(${r.pick(["'name'", "'upper'", "'real'", "'imag'", "'missing'"])})`,
  (r) => `xmlattr${r.pick(["", "(false)"])}`,
  (_r) => `random_unavailable_filter`,
  (r) =>
    `${r.pick(["items", "dictsort"])} | ${r.pick(["list", "first", "length", "map('first') | list", "map('last') | join(',')"])}`,
  (r) => `title | ${r.pick(["list | first", "length"])}`,
  (r) => `center(${r.pick(["9", "8"])}) | replace(' ', '.')`,
];

const TESTS = [
  "defined",
  "undefined",
  "none",
  "number",
  "string",
  "mapping",
  "sequence",
  "iterable",
  "boolean",
  "integer",
  "float",
  "true",
  "false",
  "odd",
  "even",
  "lower",
  "upper",
  "callable",
  "escaped",
  "filter",
  "test",
  "divisibleby(3)",
  "divisibleby(2)",
  "divisibleby(0)",
  "in([1, 2, 3])",
  "in('abcde')",
  "in({'a': 1})",
  "eq(3)",
  "ne(1)",
  "lt(2)",
  "le(2)",
  "gt(2)",
  "ge(1)",
  "equalto(1)",
  "sameas(none)",
  "sameas(true)",
  "sameas false",
  "greaterthan 1",
  "lessthan 2",
  "eq 'a'",
  "== 3",
  "bogus_test",
];

const STR_METHODS = [
  (r) => `split(${r.pick(["", "','", "' '", "'l'", "',', 1", "none, 1", "'x'", "''"])})`,
  (r) => `rsplit(${r.pick(["", "','", "' ', 1", "'l', 1", "None"])})`,
  (r) =>
    r.pick([
      "strip()",
      "lstrip()",
      "rstrip()",
      "strip('Hd')",
      "lstrip(' H')",
      "rstrip('ld ')",
      "strip(none)",
    ]),
  (r) =>
    `${r.pick(["startswith", "endswith"])}(${r.pick(["'H'", "'d'", "''", "('He', 'x')", "'World', 6", "'o', 4, 5"])})`,
  (r) => `replace(${str(r)}, ${str(r)}${r.chance(0.3) ? `, ${smallInt(r)}` : ""})`,
  (r) =>
    `${r.pick(["find", "rfind", "count", "index", "rindex"])}(${r.pick(["'o'", "'l'", "'zz'", "''", "'o', 5", "'l', 2, 4", "'World'"])})`,
  (r) =>
    r.pick([
      "upper()",
      "lower()",
      "title()",
      "capitalize()",
      "swapcase()",
      "casefold()",
      "isdigit()",
      "isalpha()",
      "isalnum()",
      "isspace()",
      "isupper()",
      "islower()",
      "istitle()",
      "isdecimal()",
      "isnumeric()",
      "isidentifier()",
      "isprintable()",
    ]),
  (r) => `zfill(${r.pick(["5", "0", "12", "-1"])})`,
  (r) => `${r.pick(["center", "ljust", "rjust"])}(${r.pick(["9", "9, '*'", "2", "14, '-'"])})`,
  (r) => r.pick(["splitlines()", "splitlines(true)", "splitlines(keepends=true)"]),
  (r) => `${r.pick(["partition", "rpartition"])}(${r.pick(["' '", "'l'", "','", "'zz'"])})`,
  (r) => `join(${list(r)})`,
  (r) => `format(${genAny(r, 2)}${r.chance(0.5) ? `, ${genAny(r, 2)}` : ""})`,
  (r) => `expandtabs(${r.pick(["", "4", "1"])})`,
  (r) => `removeprefix(${r.pick(["'Hel'", "'x'", "''"])})`,
  (r) => `removesuffix(${r.pick(["'rld'", "'x'"])})`,
  (_r) => `encode()`,
  (_r) => `__class__`,
  (r) => `format_map(${dict(r)})`,
];

const FORMAT_SPECS = [
  "{}",
  "{0}",
  "{:>6}",
  "{:<6}|",
  "{:^7}",
  "{:*^9}",
  "{:05d}",
  "{:+d}",
  "{:,}",
  "{:_}",
  "{:.2f}",
  "{:.3e}",
  "{:.1%}",
  "{:x}",
  "{:#x}",
  "{:o}",
  "{:b}",
  "{:08.3f}",
  "{:g}",
  "{:.3g}",
  "{:s}",
  "{!r}",
  "{!s}",
  "{0[0]}",
  "{0[a]}",
  "{0.real}",
  "{:c}",
  "{:=+8}",
  "{:n}",
  "{:e}",
  "{:10}",
  "{:.0f}",
  "{:X}",
  "{:%}",
];
const PERCENT_SPECS = [
  "%s",
  "%d",
  "%5.1f",
  "%-5s|",
  "%r",
  "%x",
  "%05d",
  "%e",
  "%g",
  "%i",
  "%%",
  "%(a)s",
  "%c",
  "%+d",
  "%.2s",
  "%o",
];

const LIST_METHODS = [
  (r) => r.pick(["count(1)", "index(1)", "index(9)", "copy()", "count('a')"]),
  (r) =>
    r.pick([
      "append(4) or ctx('l')",
      "pop()",
      "pop(0)",
      "insert(0, 9) or ctx('l')",
      "extend([1]) or ctx('l')",
      "sort() or ctx('l')",
      "reverse() or ctx('l')",
      "clear() or ctx('l')",
      "remove(1) or ctx('l')",
    ]),
];
const DICT_METHODS = [
  (r) => `get(${r.pick(["'a'", "'zz'", "'zz', 5", "'b', none", "1"])})`,
  (r) =>
    r.pick([
      "keys() | list",
      "values() | list",
      "items() | list",
      "copy()",
      "get('a', 'x')",
      "pop('a')",
      "update({'q': 1}) or ctx('d')",
      "setdefault('q', 3)",
      "setdefault('a', 3)",
      "popitem()",
      "keys() | sort",
      "items() | sort | first",
      "__len__()",
    ]),
];

// Pieces of text in several scripts, with the digits, hyphens, dashes and
// whitespace that word splitting (wordwrap, wordcount, title, split) reads.
const TEXT_PIECES = [
  "a",
  "Bc",
  "-",
  "--",
  "—",
  " ",
  "  ",
  "\n",
  "\t",
  "\u000b",
  "\r\n",
  "😀",
  "é",
  "über",
  "x-y",
  "ab-cd",
  "α-β",
  "٣",
  "½",
  "Ⅻ",
  "_",
  "中文",
  "e\u0301",
  "1",
  "22",
  "3-4",
  "a1-b2",
  "!",
  "?",
  ".",
  ",",
  "&",
  '"',
  "http://x.io",
];

/** A Jinja string literal of random text (no quote or backslash: the pieces need no escaping). */
function randomText(r) {
  let t = "";
  for (let n = r.int(0, 24); n > 0; n--) t += r.pick(TEXT_PIECES);
  return `'${t}'`;
}

function expression(r) {
  const shape = r.int(0, 19);
  if (shape >= 16) return trapExpression(r);
  switch (shape) {
    case 0:
    case 1:
    case 2: {
      const src = r.pick([genAny, str, list, dict, num, randomText])(r);
      const n = r.int(1, 2);
      let e = src;
      for (let k = 0; k < n; k++) e += ` | ${r.pick(FILTERS)(r)}`;
      return { group: "jinja-filters", expr: e };
    }
    case 3:
      return { group: "jinja-tests", expr: `${genAny(r)} is ${r.chance(0.3) ? "not " : ""}${r.pick(TESTS)}` };
    case 4:
      return { group: "jinja-methods", expr: `${str(r)}.${r.pick(STR_METHODS)(r)}` };
    case 5: {
      if (r.chance(0.5))
        return { group: "jinja-strings", expr: `'${r.pick(FORMAT_SPECS)}'.format(${genAny(r, 2)})` };
      return {
        group: "jinja-strings",
        expr: `'${r.pick(PERCENT_SPECS)}' % ${r.pick([genAny(r, 2), `(${genAny(r, 2)},)`, "{'a': 1}", `(${num(r)}, ${num(r)})`])}`,
      };
    }
    case 6:
      return r.chance(0.5)
        ? { group: "jinja-methods", expr: `${list(r)}.${r.pick(LIST_METHODS)(r)}` }
        : { group: "jinja-methods", expr: `${dict(r)}.${r.pick(DICT_METHODS)(r)}` };
    case 7:
    case 8: {
      const op = r.pick(["+", "-", "*", "/", "//", "%", "**", "~"]);
      const a = r.chance(0.7) ? num(r) : genAny(r);
      // Python would compute a huge power for minutes: keep exponents small
      const b =
        op === "**"
          ? r.pick(["0", "1", "2", "3", "-1", "0.5", "-2", "ctx('i')", "ctx('f')", "true", "'2'", "none"])
          : r.chance(0.7)
            ? num(r)
            : genAny(r);
      return {
        group: "jinja-arith",
        expr: r.chance(0.2) ? `${r.pick(["-", "+", "not "])}${a} ${op} ${b}` : `${a} ${op} ${b}`,
      };
    }
    case 9: {
      const op = r.pick(["==", "!=", "<", "<=", ">", ">="]);
      return {
        group: "jinja-compare",
        expr: r.chance(0.2) ? `${num(r)} ${op} ${num(r)} ${op} ${num(r)}` : `${genAny(r)} ${op} ${genAny(r)}`,
      };
    }
    case 10:
      return {
        group: "jinja-membership",
        expr: `${genAny(r, 1)} ${r.pick(["in", "not in"])} ${r.pick([str, list, dict])(r)}`,
      };
    case 11: {
      const target = r.pick([str, list, dict, genAny])(r);
      const idx = r.pick([
        "[0]",
        "[-1]",
        "[1:]",
        "[:-1]",
        "[::-1]",
        "[::2]",
        "[-2::-1]",
        "[1:3]",
        "[5:1:-1]",
        "[9]",
        "['a']",
        "['zz']",
        ".a",
        ".name",
        "[0][0]",
        "[::0]",
        "[-100:100]",
        "[1.0]",
        "[true]",
        "[none:2]",
        ".0",
        "['b'] | string",
      ]);
      return { group: "jinja-index", expr: `${target}${idx}` };
    }
    case 12:
      return {
        group: "jinja-literals",
        expr: r.pick([
          ...NUM_LITS,
          ...STR_LITS,
          ...LIST_LITS,
          ...DICT_LITS,
          "True",
          "FALSE",
          "None",
          "none",
          "'\\u00e9'",
          "'\\x41'",
          '"a\\"b"',
          "1.",
          ".5",
          "1e-7",
          "1E400",
          "-1e400",
          "1_0.5",
          "12345678901234567890 * 10",
          "0.1 + 0.2",
          "1e16",
          "123456789.123456789",
          "(1, [2, {'a': (3,)}])",
          "{'a': {'b': (1, 2)}}",
          "{(1, 2): 3}",
          "[1, 2][::-1]",
        ]),
      };
    case 13: {
      const a = genAny(r);
      const b = genAny(r);
      const c = genAny(r);
      return {
        group: "jinja-logic",
        expr: r.pick([
          `${a} and ${b}`,
          `${a} or ${b}`,
          `not ${a}`,
          `${a} if ${b} else ${c}`,
          `${a} if ${b}`,
          `(${a} or ${b}) and ${c}`,
          `${a} and ${b} or ${c}`,
        ]),
      };
    }
    case 14:
      return { group: "jinja-strings", expr: `${genAny(r)} ~ ${genAny(r)}` };
    default: {
      const fn = r.pick([
        "range(3)",
        "range(1, 7, 2) | list",
        "range(5) | sum",
        "dict(a=1, b=2)",
        "namespace(a=1).a",
        "cycler(1, 2).next()",
        "joiner(',')()",
        "zip(ctx('l'), ctx('words'))",
        "zip(ctx('l'), [1], pad=0)",
        "json('{\"a\": [1, 2.0]}')",
        "json(ctx('d'))",
        "ctx() | length",
        "ctx('n') | default('x', true)",
      ]);
      return { group: "jinja-literals", expr: fn };
    }
  }
}

const STATEMENTS = [
  (r) => `{% for x in ${list(r)} %}{{ loop.index }}:{{ x }}{{ ',' if not loop.last }}{% endfor %}`,
  (r) =>
    `{% for x in ${list(r)} %}{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.length }}{{ loop.first }}{% else %}empty{% endfor %}`,
  (r) => `{% for k, v in ${dict(r)}.items() %}{{ k }}={{ v }};{% endfor %}`,
  (r) => `{% for x in ${list(r)} if x %}{{ x }}{% endfor %}`,
  (r) => `{% for x in ${list(r)} %}{{ loop.previtem }}-{{ loop.nextitem }}|{% endfor %}`,
  (r) => `{% for x in ${list(r)} %}{{ loop.cycle('a', 'b') }}{{ loop.depth }}{% endfor %}`,
  (r) => `{% if ${genAny(r)} %}yes{% elif ${genAny(r)} %}elif{% else %}no{% endif %}`,
  (r) => `{% set y = ${genAny(r)} %}{{ y }}`,
  (r) => `{% set a, b = ${list(r)} %}{{ a }}{{ b }}`,
  (r) =>
    `{% set ns = namespace(t=0) %}{% for x in ${list(r)} %}{% set ns.t = ns.t + x %}{% endfor %}{{ ns.t }}`,
  (r) => `{% set y %}in {{ ${genAny(r)} }}{% endset %}{{ y | upper }}`,
  (r) => `  {% if true %}\n  a {{ ${genAny(r)} }}\n  {% endif %}\nb`,
  (r) => `{%- if ${genAny(r)} -%}  x  {%- endif -%} y`,
  (r) => `{% for x in ${list(r)} %}\n  {{ x }}\n{% endfor %}\nend`,
  (r) => `{% for x in ${list(r)} -%}\n {{ x }} \n{%- endfor %}`,
  (r) => `{% with z = ${genAny(r)} %}{{ z }}{% endwith %}`,
  (r) => `{% macro m(a, b=2) %}{{ a }}+{{ b }}{% endmacro %}{{ m(${genAny(r)}) }}`,
  (r) => `{% filter upper %}{{ ${genAny(r)} }}{% endfilter %}`,
  (r) => `{# comment #}{{ ${genAny(r)} }}{# more #}`,
  (r) => `{% raw %}{{ x }}{% endraw %}{{ ${genAny(r)} }}`,
  (r) =>
    `{% for x in range(${smallInt(r)}) %}{% if loop.index is even %}{% continue %}{% endif %}{{ x }}{% endfor %}`,
  (r) => `{{ ${genAny(r)} }}{% if false %}{% endif %}`,
  (r) => `{% for x in ${list(r)} %}{{ x }}{% break %}{% endfor %}`,
];

function renderText(r) {
  const e = expression(r).expr;
  return r.pick([
    `v={{ ${e} }}`,
    `{{ ${e} }} and {{ ${genAny(r)} }}`,
    `[{{ ${e} }}]`,
    ` {{ ${e} }}`,
    `{{ ${e} }}\n`,
    `a{{${e}}}b`,
  ]);
}

/** A JSON object or array rendered recursively, keys included (render-structure). */
function structure(r) {
  const value = () => (r.chance(0.7) ? `{{ ${expression(r).expr} }}` : renderText(r));
  const key = () =>
    r.pick([
      "k",
      "{{ 'k' ~ 1 }}",
      "{{ 1 }}",
      "{{ ctx('s') }}",
      "{{ none }}",
      "{{ 1.5 }}",
      "{{ true }}",
      "n-{{ ctx('i') }}",
    ]);
  if (r.chance(0.5)) return [value(), { [key()]: value() }, r.pick([1, 2.5, null, true, "plain"])];
  return { [key()]: value(), b: [value(), { c: value() }], [key()]: r.pick([1, null, "x"]) };
}

/** count random cases; the seed decides them. */
export function generate(seed, count) {
  const r = prng(seed);
  const cases = [];
  for (let n = 0; n < count; n++) {
    const roll = r.next();
    let group;
    let expr;
    if (roll < 0.2) {
      group = "jinja-statements";
      expr = r.chance(0.5) ? r.pick(STATEMENTS)(r) : templateCase(r);
    } else if (roll < 0.3) {
      group = "render-text";
      expr = renderText(r);
    } else if (roll < 0.35) {
      group = "render-structure";
      expr = structure(r);
    } else if (roll < 0.43) {
      group = "jinja-markup";
      expr = r.chance(0.25) ? markupText(r) : `{{ ${markupExpression(r)} }}`;
    } else {
      const e = expression(r);
      group = e.group;
      expr = `{{ ${e.expr} }}`;
    }
    cases.push({
      id: `${group}-fuzz-${seed}-${n}`,
      lang: "jinja",
      expr,
      ctx: CONTEXT,
      tags: [group, "fuzz"],
    });
  }
  return cases;
}
