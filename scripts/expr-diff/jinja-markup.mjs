// Random expressions over MarkupSafe's Markup (what escape, e, forceescape,
// safe and tojson return): Markup's +, *, % and ~, its methods and indexing,
// filters given a Markup as value or argument, comparisons, containers
// holding Markups and Markups handed to Orquesta's functions.

import { genAny, list, smallInt, str } from "./jinja-operands.mjs";

const HTML = [
  "'<a>'",
  "'a&b'",
  "'\"q\"'",
  '"it\'s"',
  "'<b>x</b> y'",
  "'%s<'",
  "'{}&'",
  "'a < b > c'",
  "'&lt;'",
  "'<p>\\n<i>z</i></p>'",
  "'&amp;x&#60;'",
  "'AbC<d'",
  "'<<<<<<<<<<<<<<<<<<<<'",
  "'w1 w2 <w3> w4 w5 w6 w7'",
];

const source = (r) => (r.chance(0.6) ? r.pick(HTML) : r.chance(0.5) ? str(r) : genAny(r, 2));
const plain = (r) => (r.chance(0.6) ? r.pick(HTML) : str(r));

/** A Markup-valued expression (or, rarely, one of its plain siblings). */
export function markup(r) {
  const f = r.pick([
    "e",
    "escape",
    "e",
    "safe",
    "forceescape",
    "tojson",
    "e | e",
    "safe | e",
    "e | safe",
    "string | e",
  ]);
  return `(${source(r)} | ${f})`;
}

const METHODS = [
  "upper()",
  "lower()",
  "title()",
  "capitalize()",
  "swapcase()",
  "strip()",
  "strip('&;')",
  "lstrip('&')",
  "rstrip(';')",
  "replace('&', '<')",
  "replace('a', '&')",
  "replace('lt', '>', 1)",
  "center(12)",
  "ljust(12, '.')",
  "rjust(3, '<')",
  "zfill(12)",
  "expandtabs()",
  "split()",
  "split('&')",
  "rsplit('&', 1)",
  "splitlines()",
  "partition('&')",
  "rpartition('<')",
  "partition(1)",
  "join(['<', 'x'])",
  "join([1, none])",
  "format('<')",
  "format(x='&')",
  "format_map({'x': '<'})",
  "unescape()",
  "striptags()",
  "escape('<')",
  "count('&')",
  "find('lt')",
  "startswith('&')",
  "endswith(';')",
  "isalpha()",
  "casefold()",
  "removeprefix('&')",
  "__html__()",
];

const FILTERS = [
  "e",
  "forceescape",
  "safe",
  "string",
  "upper",
  "lower",
  "capitalize",
  "title",
  "trim",
  "trim('&;')",
  "center(12)",
  "indent(2, true)",
  "indent('<')",
  "indent(('> ' | e), true)",
  "indent(1, blank=true)",
  "truncate(5)",
  "truncate(5, true, '<')",
  "truncate(9, end='&')",
  "wordwrap(4)",
  "wordcount",
  "striptags",
  "urlize",
  "urlencode",
  "replace('&', '<')",
  "replace('l', ('<' | e))",
  "format('<')",
  "format(('<' | e), '>')",
  "first",
  "last",
  "reverse",
  "list",
  "length",
  "sort",
  "unique | list",
  "min",
  "max",
  "join",
  "join('<')",
  "batch(2) | list",
  "map('upper') | list",
  "default('x')",
  "int",
  "float",
  "pprint",
  "tojson",
  "json_dump",
  "to_json_string",
  "regex_replace('l', '<')",
  "is escaped",
  "is string",
];

/** One expression putting a Markup through an operation. */
export function markupExpression(r) {
  const m = markup(r);
  switch (r.int(0, 13)) {
    case 0:
      return r.chance(0.5) ? `${m} + ${plain(r)}` : `${plain(r)} + ${m}`;
    case 1:
      return r.pick([
        `${m} + ${markup(r)}`,
        `${m} + ${genAny(r, 2)}`,
        `${m} ~ ${plain(r)}`,
        `${plain(r)} ~ ${m} ~ 1`,
      ]);
    case 2:
      return r.pick([`${m} * ${smallInt(r)}`, `${smallInt(r)} * ${m}`, `${m} * 1.5`, `${m} * ${m}`]);
    case 3: {
      const fmt = `(${r.pick(["'%s'", "'%s|%s'", "'%r'", "'<b>%s'", "'%(a)s'", "'%d'", "'%5.2s'", "'%x'", "'%.1f'", "'ab'"])} | e)`;
      const arg = r.pick([
        plain(r),
        `(${plain(r)},)`,
        `(${plain(r)}, ${m})`,
        "{'a': '<'}",
        `{'a': ${m}}`,
        "3",
        "'3'",
        "2.5",
        "[1, '<']",
        "none",
        m,
      ]);
      return r.chance(0.8) ? `${fmt} % ${arg}` : `${plain(r)} % ${m}`;
    }
    case 4:
    case 5:
      return `${m}.${r.pick(METHODS)}`;
    case 6:
      return `${m}${r.pick(["[0]", "[-1]", "[1:4]", "[::-1]", "[9]", "['a']"])}`;
    case 7:
    case 8: {
      const f = r.pick(FILTERS);
      return f.startsWith("is ") ? `${m} ${f}` : `${m} | ${f}`;
    }
    case 9:
      return r.pick([
        `${plain(r)} | replace('a', ${m})`,
        `${list(r)} | join(${m})`,
        `[${m}, ${plain(r)}] | join(', ')`,
        `${plain(r)} | format(${m})`,
        `${plain(r)} | default(${m})`,
        `'{}|{!r}'.format(${m}, ${m})`,
        `${plain(r)}.join([${m}, ${plain(r)}])`,
        `${plain(r)}.replace('a', ${m})`,
        `${plain(r)} | trim(${m})`,
        `${plain(r)} | truncate(5, end=${m})`,
        `${plain(r)} | indent(${m}, ${r.pick(["false", "true", "blank=true", "true, true"])})`,
        `${plain(r)}.startswith((${m}, 'x'))`,
      ]);
    case 10:
      return r.pick([
        `${m} == ${plain(r)}`,
        `${m} == ${m}`,
        `${m} != '&lt;a&gt;'`,
        `${m} < ${plain(r)}`,
        `${plain(r)} in ${m}`,
        `${m} in ${plain(r)}`,
        `${m} in [${plain(r)}, '&lt;a&gt;']`,
        `${m} in {'&lt;a&gt;': 1, 'a&amp;b': 2}`,
        `[${m}] == [${plain(r)}]`,
        `${m} is sameas ${m}`,
        `${m} is lower`,
      ]);
    case 11:
      return r.pick([
        `[${m}, ${plain(r)}]`,
        `(${m}, 1)`,
        `{${m}: 1, 'k': ${m}}`,
        `{'&lt;a&gt;': 0, ${m}: 1}`,
        `[${m}] | string`,
        `[${m}, 1] | pprint`,
        `{'a': ${m}} | tojson`,
        `[${m}] | e`,
        `[${m}, ${plain(r)}] | sort`,
        `[${m}, ${plain(r)}] | unique | list`,
        `[${m}, 'x'] | map('e') | list`,
        `[${m}, ${plain(r)}] | map('upper') | list`,
        `{${m}: 2}[${plain(r)}]`,
        `{'&lt;a&gt;': 3}[${m}]`,
      ]);
    case 12:
      return r.pick([
        `json_dump([${m}])`,
        `to_json_string({'a': ${m}})`,
        `regex_replace('&', ${m}, ${m})`,
        `zip([${m}], [1]) | list`,
        `json_escape(${m})`,
      ]);
    default:
      return `${m} | ${r.pick(FILTERS.filter((f) => !f.startsWith("is ")))} | ${r.pick(["e", "upper", "length", "string", "first", "safe", "list"])}`;
  }
}

/** A text or template using Markups: rendered to str, Markup reprs inside containers. */
export function markupText(r) {
  const m = markup(r);
  return r.pick([
    `x {{ ${m} }} y`,
    `{{ ${m} }}{{ ${plain(r)} }}`,
    `{{ [${m}] }} and {{ (${m},) }}`,
    `{{ {${m}: ${m}} }}!`,
    `{% set x = ${m} %}{{ x ~ '<' }}|{{ x + '<' }}|{{ x is escaped }}`,
    `{% for c in ${m} %}{{ c }}{{ c is escaped }},{% endfor %}`,
    `{% set x = ${m} %}{% for c in x.split('&') %}[{{ c + '<' }}]{% endfor %}`,
    `{% macro f(a) %}{{ a + '<' }}{% endmacro %}{{ f(${m}) }}`,
    `{% set ns = namespace(v=${m}) %}{{ ns.v * 2 }}`,
    `{% filter upper %}{{ ${m} }}{% endfilter %}`,
    `{% filter ${r.pick(["e", "e | e", "safe", "forceescape", "e | upper"])} %}${r.pick(["<", "a&b", "{{ " + m + " }}"])}{% endfilter %}`,
    `{% for c in [${m}, ${plain(r)}] %}{{ loop.cycle(${m}, '>') + '<' }}{{ loop.changed(c) }}{% endfor %}`,
    `{% set t %}{{ ${m} }}{% endset %}{{ t + '<' }}`,
    `{% if ${m} == ${plain(r)} %}eq{% else %}ne{% endif %}`,
    `{{ ${markupExpression(r)} }} tail`,
  ]);
}
