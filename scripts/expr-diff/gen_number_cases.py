#!/usr/bin/python3
"""Numeric functions over floats of every magnitude: rounding (round, the
round filter's floor/ceil), %-formatting and format specs with precisions up
to 25, str() and repr, int(), //, %, /, filesizeformat, hex(),
as_integer_ratio(), in both languages. The values mix exact ties (2.675,
0.125), decimal fractions that are not exact, numbers past 2**53 and the
extremes (5e-324, 1.7976931348623157e308), so that a JavaScript shortcut
(toFixed, shortest repr, Math.round) shows where Python rounds the exact
binary value.

Usage: /usr/bin/python3 gen_number_cases.py SEED COUNT > cases.json
then:  node scripts/expr-diff/jinja-compare.mjs cases.json --oracle orquesta --messages
"""

import json
import random
import sys

SPECIAL = [2.675, 0.125, 0.375, 1.5, 2.5, -0.5, 1e22, 5e-324, 1.7976931348623157e308, 0.1, 0.7, 1234.5678,
           1e16, 9007199254740993.0, 123456789.125, 0.045, 1.005, 1.25e3, 1024 * 1.25, -0.0]

JINJA = [
    "{{ %(x)r | round(%(n)d) }}", "{{ %(x)r | round(%(n)d, 'floor') }}", "{{ %(x)r | round(%(n)d, 'ceil') }}",
    "{{ '%%.%(p)df' %% %(x)r }}", "{{ '%%.%(p)dg' %% %(x)r }}", "{{ '%%.%(p)de' %% %(x)r }}",
    "{{ '{:.%(p)df}'.format(%(x)r) }}", "{{ '{:.%(p)dg}'.format(%(x)r) }}", "{{ '{:,.%(p)df}'.format(%(x)r) }}",
    "{{ '{:%(p)d.%(q)d%%}'.format(%(x)r) }}", "{{ '{:e}'.format(%(x)r) }}", "{{ '{:n}'.format(%(x)r) }}",
    "{{ '{}'.format(%(x)r) }}", "{{ %(x)r | string }}", "{{ %(x)r ~ '' }}", "{{ %(x)r | int }}",
    "{{ %(x)r // %(y)r }}", "{{ %(x)r %% %(y)r }}", "{{ %(x)r / %(y)r }}", "{{ %(x)r | filesizeformat }}",
    "{{ %(x)r | filesizeformat(true) }}", "{{ (%(x)r).hex() }}", "{{ (%(x)r).as_integer_ratio() }}",
    "{{ (%(x)r).is_integer() }}", "{{ %(x)r | round }}", "{{ %(x)r | abs }}", "{{ [%(x)r, %(y)r] | sum }}",
    "{{ %(x)r | float | string }}", "{{ (%(x)r * %(y)r) | string }}", "{{ '%%d' %% %(x)r }}",
]
YAQL = [
    "<%% round(%(x)r) %%>", "<%% round(%(x)r, %(n)d) %%>", "<%% str(%(x)r) %%>", "<%% %(x)r / %(y)r %%>",
    "<%% %(x)r mod %(y)r %%>", "<%% int(%(x)r) %%>", "<%% '{0:.%(p)df}'.format(%(x)r) %%>",
    "<%% '{0:.%(p)dg}'.format(%(x)r) %%>", "<%% float(str(%(x)r)) %%>", "<%% abs(%(x)r) %%>",
    "<%% %(x)r * %(y)r %%>", "<%% %(x)r + %(y)r %%>", "<%% %(x)r - %(y)r %%>", "<%% %(x)r < %(y)r %%>",
    "<%% pow(%(x)r, 2) %%>", "<%% 'v' + str(%(x)r) %%>", "<%% [%(x)r, %(y)r].max() %%>",
    "<%% [%(x)r, %(y)r].sum() %%>", "<%% %(x)r = %(y)r %%>", "<%% str([%(x)r, %(y)r]) %%>",
]


def value(r):
    return r.choice([
        r.uniform(-10, 10),
        r.uniform(-1e6, 1e6),
        r.random() * 10 ** r.randint(-30, 30) * r.choice([1, -1]),
        r.randint(-1000, 1000) / 8,
        r.randint(1, 10**6) + r.choice([0.05, 0.15, 0.25, 0.35, 0.45]),
        r.choice(SPECIAL),
    ])


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    r = random.Random(seed)
    cases = []
    for i in range(count):
        x, y = value(r), value(r)
        if y == 0:
            y = 1.5
        d = {"x": x, "y": y, "n": r.choice([r.randint(-5, 12), r.randint(-40, 40)]), "p": r.randint(0, 25),
             "q": r.randint(0, 12)}
        lang = r.choice(["jinja", "yaql"])
        template = r.choice(JINJA if lang == "jinja" else YAQL)
        cases.append({"id": "num-%d-%d" % (seed, i), "lang": lang, "expr": template % d, "ctx": {}})
    json.dump({"cases": cases}, sys.stdout)


if __name__ == "__main__":
    main()
