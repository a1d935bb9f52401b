// Random Jinja templates (the jinja-statements kind): whitespace control with
// trim_blocks/lstrip_blocks, nested and recursive loops, scoping of {% set %},
// macros with caller and varargs, call and filter blocks, comments, raw
// blocks, tags Orquesta's environment does not know, and several expressions
// in one value.

import { dict, genAny, list, smallInt, str } from "./jinja-operands.mjs";

const WS = ["", " ", "  ", "\t", "\n", " \n", "\n  "];
const OPEN = ["{%", "{%-", "{%+"];
const CLOSE = ["%}", "-%}", "+%}"];

function tag(r, body) {
  return `${r.pick(OPEN)} ${body} ${r.pick(CLOSE)}`;
}

const SHAPES = [
  (r) =>
    `${r.pick(WS)}${tag(r, `if ${genAny(r)}`)}${r.pick(WS)}yes${r.pick(WS)}${tag(r, "else")}${r.pick(WS)}no${r.pick(WS)}${tag(r, "endif")}${r.pick(WS)}end`,
  (r) =>
    `${tag(r, `for x in ${list(r)}`)}${r.pick(WS)}[{{ x }}]${r.pick(WS)}${tag(r, "endfor")}${r.pick(WS)}`,
  (r) => `  {% for x in ${list(r)} %}\n    {{ x }}\n  {% endfor %}\n`,
  (_r) =>
    `{% for row in [[1, 2], [3]] %}{% for c in row %}{{ loop.index }}.{{ c }}({{ loop.depth }}){% endfor %};{% endfor %}`,
  (r) =>
    `{% for n in ${r.pick(["[{'v': 1, 'k': [{'v': 2, 'k': []}]}]", "ctx('hosts')"])} recursive %}{{ n.v | default(n.name) }}{% if n.k %}[{{ loop(n.k) }}]{% endif %}{% endfor %}`,
  (r) => `{% set x = 1 %}{% for i in ${list(r)} %}{% set x = x + 1 %}{{ x }}{% endfor %}|{{ x }}`,
  (r) =>
    `{% set ns = namespace(items=[]) %}{% for i in ${list(r)} %}{% set ns.items = ns.items + [i] %}{% endfor %}{{ ns.items }}`,
  (r) =>
    `{% macro m(a) %}{{ a }}:{{ varargs }}:{{ kwargs }}{% endmacro %}{{ m(${genAny(r, 2)}, 2, 3, k=4) }}`,
  (r) => `{% macro w() %}<{{ caller() }}>{% endmacro %}{% call w() %}in {{ ${genAny(r, 2)} }}{% endcall %}`,
  (r) => `{% macro m(a, b=${genAny(r, 2)}) %}{{ b }}{% endmacro %}{{ m(1) }}{{ m.name }}{{ m.arguments }}`,
  (r) =>
    `{% filter ${r.pick(["upper", "replace('a', 'b')", "indent(2)", "trim", "title", "center(20)", "truncate(5)", "length"])} %}  {{ ${str(r)} }}  {% endfilter %}`,
  (r) => `a {#- note -#} b {# c #}{{ ${genAny(r)} }}`,
  (r) => `{% raw %}{{ ${genAny(r)} }}{% endraw %}`,
  (r) => `x{% raw %} {% if %} {% endraw %}y{{ ${genAny(r)} }}`,
  (r) =>
    `{% ${r.pick(["do 1", "include 'x'", "import 'x' as y", "extends 'x'", "block b %}{% endblock", "autoescape true %}{{ '<' }}{% endautoescape", "trans %}a{% endtrans", "break", "continue", "unknown"])} %}`,
  (r) => `{{ ${genAny(r)} }}{{ ${genAny(r)} }}`,
  (r) => `{{ ${genAny(r)} }} {% if true %}{{ ${genAny(r)} }}{% endif %}`,
  (r) => `{{- ${genAny(r)} -}}`,
  (_r) => `{{ '}}' }}`,
  (r) => `{{ ${dict(r)} }}`,
  (r) => `{% set d = ${dict(r)} %}{% for k in d %}{{ k }}{% endfor %}{{ d | length }}`,
  (r) =>
    `{% for a, b in ${r.pick(["[(1, 2), (3, 4)]", "ctx('d').items()", "[[1], [2, 3]]", "ctx('nested')"])} %}{{ a }}-{{ b }};{% endfor %}`,
  (r) => `{% for x in range(${smallInt(r)}) %}{{ loop.revindex0 }}{{ loop.changed(x // 2) }}{% endfor %}`,
  (r) =>
    `{% if ${genAny(r)} is ${r.pick(["defined", "none", "string", "number"])} %}a{% elif false %}b{% endif %}\n`,
  (r) => `{% with %}{% set q = ${genAny(r, 2)} %}{{ q }}{% endwith %}{{ q is defined }}`,
  (r) => `{% set t %}{% for x in ${list(r)} %}{{ x }},{% endfor %}{% endset %}{{ t | trim(',') }}`,
  (r) => `{% for x in ${list(r)} %}{{ x }}{% if not loop.last %}, {% endif %}{% endfor %}\n\n`,
  (_r) => `line1\n  {% if true %}\n  line2\n  {% endif %}\nline3`,
  (_r) => `{% if true %}\n\tA\n\t{%- endif %}B`,
];

export function templateCase(r) {
  return r.pick(SHAPES)(r);
}
