#!/usr/bin/python3
"""Systematic sweeps for the expression oracles: where the random fuzzers draw
expressions from a grammar, these take every name a library has and call it
with every kind of receiver and argument, so that a function nobody thought
of testing with `none`, a float or a wrong type is tried anyway.

Sweeps (each a golden-format case file in OUT_DIR):
  yaql-names    every function yaql 3.2.0 registers, as function and method,
                over receivers of every type and argument lists of every shape
  yaql-keywords every yaql function with keyword arguments named as in its
                signature
  jinja-filters every Jinja2 filter and test over receivers x arguments
  jinja-keywords every Jinja2 filter with keyword arguments from its signature
  jinja-methods every public method of str, list, dict, int and float
  jinja-globals range, dict, cycler, joiner, namespace (lipsum is random)
                with argument lists of every shape
  st2           Orquesta's and StackStorm's functions in both languages with
                mixed argument types (in Jinja also an undefined name)
  operators     every binary operator of both languages over pairs of values
  unicode       case mapping, classification and splitting of text in many scripts
  formats       str.format specs and %-formatting over numbers and other values
  rendering     values of every kind rendered into text, JSON and YAML

Usage: /usr/bin/python3 gen_sweeps.py OUT_DIR [--seed N]
Then compare each file with Orquesta itself:
  node scripts/expr-diff/jinja-compare.mjs OUT_DIR/<sweep>.json --oracle orquesta
For the yaql sweeps, real yaql with a time limit per case is safer (a case
that loops forever stops Orquesta's oracle, which has none):
  YAQL_SRC=... /usr/bin/python3 scripts/expr-diff/yaql_reference.py OUT_DIR/yaql-names.json > WANT.json
  node bin/orqc.js eval --cases OUT_DIR/yaql-names.json --format json > GOT.json
  node scripts/expr-diff/compare.mjs OUT_DIR/yaql-names.json GOT.json WANT.json
(needs ORQUESTA_SRC, YAQL_SRC, ST2_SRC, SEMVER_SRC as in docs/conformance.md;
the Jinja2 and yaql name lists come from the libraries themselves, so run it
with YAQL_SRC set and Debian's python3-jinja2 installed).
"""

import collections.abc  # noqa: F401  (yaql 3.2.0 uses collections.abc without importing it)
import inspect
import json
import os
import random
import sys

if os.environ.get("YAQL_SRC"):
    sys.path.insert(0, os.environ["YAQL_SRC"])

import jinja2  # noqa: E402
import yaql  # noqa: E402

CTX = {"d": {"k": [1, 2], "z": None}, "l": [5, "a", None], "s": "Zz 9", "n": 7, "f": 0.1}

ST2_FUNCTIONS = (
    "basename dirname from_json_string from_yaml_string json json_dump json_escape json_parse "
    "jsonpath_query regex_match regex_replace regex_search regex_substring to_human_time_from_seconds "
    "to_json_string to_yaml_string use_none version_bump_major version_bump_minor version_bump_patch "
    "version_compare version_equal version_less_than version_match version_more_than version_strip_patch "
    "yaml_dump yaml_parse zip"
).split()


class Sweep:
    def __init__(self, name):
        self.name = name
        self.cases = []

    def add(self, lang, expr, ctx=None):
        self.cases.append({"id": f"{self.name}-{len(self.cases)}", "lang": lang, "expr": expr, "ctx": ctx or CTX})


def yaql_functions():
    """{name: [(is_method, [parameter names])]} of yaql's standard context."""
    found = {}
    context = yaql.create_context()
    while context is not None:
        for name, definitions in context._functions.items():
            if name.startswith("#") or name.startswith("*"):
                continue
            for d in definitions:
                params = [
                    p.name
                    for p in d.parameters.values()
                    if isinstance(p.name, str) and not p.name.startswith("*") and p.position is not None
                ]
                found.setdefault(name, []).append((d.is_method, params))
        context = context.parent
    return found


YAQL_RECEIVERS = [
    "[3,1,2]", "'a,b c'", "{a=>1, b=>[2]}", "-2", "2.5", "[[1,2],[3]]", "null", "true",
    "[{x=>1},{x=>0}]", "[]", "''", "set(1,2)", "ctx(d)", "ctx(l)", "ctx(s)",
]
YAQL_ARGS = [
    "", "0", "-1", "$", "$ * 2", "[1,2]", "','", "'b'", "1, 2", "$ > 1, 1", "[1], 1", "$.x", "x => 1",
    "null", "true", "2.5", "$, $", "{a=>2}", "'a', 'b'", "1, 2, 3", "[2], [3]", "$1 + $2", "$ = 1",
]


def sweep_yaql_names(rng):
    s = Sweep("yaql-names")
    for name in sorted(yaql_functions()):
        s.add("yaql", f"<% {name}() %>")
        for r in YAQL_RECEIVERS:
            for a in rng.sample(YAQL_ARGS, 8):
                s.add("yaql", f"<% {r}.{name}({a}) %>")
            for a in rng.sample(YAQL_ARGS, 4):
                s.add("yaql", f"<% {name}({r}{', ' if a else ''}{a}) %>")
    return s


def sweep_yaql_keywords(rng):
    s = Sweep("yaql-keywords")
    values = ["1", "-1", "0", "2", "true", "null", "'x'", "'a b'", "[1,2]", "$", "$ > 1", "2.5", "{a=>1}", "[]"]
    receivers = ["[3,1,2]", "'Hello World'", "{b=>2, a=>1}", "[{x=>2, y=>'B'}, {x=>1}]", "12.5", "-7", "null", "set(1,2)"]
    for name, definitions in sorted(yaql_functions().items()):
        for is_method, params in definitions:
            names = params[1:] if is_method else params
            if not names:
                continue
            for _ in range(8):
                chosen = rng.sample(names, rng.randint(1, len(names)))
                kw = ", ".join(f"{p} => {rng.choice(values)}" for p in chosen)
                s.add("yaql", f"<% {rng.choice(receivers)}.{name}({kw}) %>" if is_method else f"<% {name}({kw}) %>")
    return s


JINJA_RECEIVERS = [
    "[3,1,2]", "'aBc d'", "{'a': 1, 'b': 2}", "2", "2.5", "[[1,2],[3]]", "none", "[{'x': 1}, {'x': 0}]",
    "true", "''", "-3",
]
JINJA_ARGS = ["", "1", "'x'", "2, 'a'", "true", "[1]", "'upper'", "attribute='x'", "none", "0"]


def sweep_jinja_filters(env):
    s = Sweep("jinja-filters")
    for name in sorted(env.filters):
        if name == "random":
            continue
        for r in JINJA_RECEIVERS:
            for a in JINJA_ARGS:
                s.add("jinja", "{{ %s | %s(%s) }}" % (r, name, a) if a else "{{ %s | %s }}" % (r, name))
    for name in sorted(env.tests):
        if not name.isidentifier():
            continue
        for r in JINJA_RECEIVERS:
            for a in ["", "1", "'x'", "2", "[1]", "none", "'odd'"]:
                s.add("jinja", "{{ %s is %s(%s) }}" % (r, name, a) if a else "{{ %s is %s }}" % (r, name))
    return s


def sweep_jinja_keywords(env, rng):
    s = Sweep("jinja-keywords")
    values = ["1", "-1", "0", "2", "true", "false", "none", "'x'", "'up'", "'a'", "[1]", "2.5", "'floor'", "'value'", "'key'"]
    receivers = [
        "[3,1,2]", "'Hello World foo bar'", "{'b': 2, 'a': 1}", "[{'x': 2, 'y': 'B'}, {'x': 1, 'y': 'a'}, {'x': 2}]",
        "12345.678", "-7", "'a<b>&c'", "['b','A','a']", "none",
    ]
    for name, fn in sorted(env.filters.items()):
        if name == "random":
            continue
        try:
            params = list(inspect.signature(fn).parameters.values())
        except ValueError:  # a C function (markupsafe's escape) states no signature
            continue
        while params and params[0].name in ("eval_ctx", "environment", "context"):
            params = params[1:]
        names = [p.name for p in params[1:] if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
        if not names:
            continue
        for r in receivers:
            for _ in range(6):
                chosen = rng.sample(names, rng.randint(1, len(names)))
                kw = ", ".join(f"{p}={rng.choice(values)}" for p in chosen)
                s.add("jinja", "{{ %s | %s(%s) }}" % (r, name, kw))
    return s


def sweep_jinja_methods(rng):
    s = Sweep("jinja-methods")
    receivers = {
        str: ["'aB c,d'", "'  x\\ty  '", "''", "'12'", "ctx('s')"],
        list: ["[3,1,2]", "[]", "['a','b']", "ctx('l')"],
        dict: ["{'a': 1, 'b': 2}", "{}", "ctx('d')"],
        int: ["(5)", "(-3)", "ctx('n')"],
        float: ["(2.5)", "ctx('f')"],
    }
    args = ["", "1", "'c'", "',', 1", "2, 'x'", "'a', 'b'", "[1]", "none", "'{}'", "-1", "1, 2", "'a'", "'x', 1"]
    for kind, values in receivers.items():
        for method in [m for m in dir(kind) if not m.startswith("_")]:
            for r in values:
                for a in rng.sample(args, 6):
                    s.add("jinja", "{{ %s.%s(%s) }}" % (r, method, a))
                    # a second form shows whether the method changed its receiver
                    s.add("jinja", "{%% set v = %s %%}{{ v.%s(%s) }}|{{ v }}" % (r, method, a))
    return s


def sweep_jinja_globals():
    s = Sweep("jinja-globals")
    args = ["", "1", "-1", "0", "3", "1, 5", "5, 1, -1", "0, 10, 3", "'a'", "none", "2.5", "true", "[1]", "a=1",
            "1, 2, 3, 4", "10, 0", "0, 0", "sep='-'"]
    for name in ["range", "dict", "cycler", "joiner", "namespace"]:
        for a in args:
            for form in ["{{ %s(%s) }}", "{{ %s(%s) | list }}", "{{ %s(%s) | string | length > 0 }}"]:
                s.add("jinja", form % (name, a))
    for a in ["1", "'x'", "1, 2", "none", "sep='-'"]:
        s.add("jinja", "{%% set c = cycler(%s) %%}{{ c.next() }}{{ c.next() }}{{ c.current }}{{ c.reset() }}{{ c.next() }}" % a)
        s.add("jinja", "{%% set j = joiner(%s) %%}{{ j() }}a{{ j() }}b{{ j() }}" % a)
        s.add("jinja", "{%% set ns = namespace(x=%s) %%}{%% for i in [1,2] %%}{%% set ns.x = ns.x ~ i %%}{%% endfor %%}{{ ns.x }}" % a)
    return s


def sweep_st2(rng):
    s = Sweep("st2")
    jv = [
        "'1.2.3'", "'/a/b.txt'", "'{\"a\": [1, 2]}'", "'a: 1'", "[1, 'x']", "{'k': none}", "3600", "-1.5", "none",
        "true", "''", "'\\u00e9\\n'", "'v1.2'", "'>=1.0.0'", "'$.a[0]'", "'(a)(b)?'", "nope",
    ]
    yv = [
        "'1.2.3'", "'/a/b.txt'", "'{\"a\": [1, 2]}'", "'a: 1'", "[1, 'x']", "{'k' => null}", "3600", "-1.5", "null",
        "true", "''", "'v1.2'", "'>=1.0.0'", "'$.a[0]'", "'(a)(b)?'",
    ]
    for name in ST2_FUNCTIONS:
        for a in jv:
            s.add("jinja", "{{ %s | %s }}" % (a, name))
            for b in rng.sample(jv, 5):
                s.add("jinja", "{{ %s(%s, %s) }}" % (name, a, b))
                s.add("jinja", "{{ %s(%s, %s, %s) }}" % (name, a, b, rng.choice(jv)))
        for a in yv:
            s.add("yaql", "<%% %s(%s) %%>" % (name, a))
            for b in rng.sample(yv, 5):
                s.add("yaql", "<%% %s(%s, %s) %%>" % (name, a, b))
    return s


def sweep_operators():
    s = Sweep("operators")
    big = "10000000000000000000000"
    yv = [
        "1", "-2", "2.5", "0", "0.0", "true", "false", "null", "'ab'", "''", "[1,2]", "[]", "{a=>1}", "{}", "set(1)",
        "datetime(2020,1,2)", "timespan(hours=>1)", "1e3", big,
    ]
    for a in yv:
        for b in yv:
            for op in ["+", "-", "*", "/", "mod", "=", "!=", "<", ">", "<=", ">=", "in", "and", "or", "=~", "!~"]:
                s.add("yaql", f"<% {a} {op} {b} %>")
    jv = [
        "1", "-2", "2.5", "0", "0.0", "true", "false", "none", "'ab'", "''", "[1,2]", "[]", "{'a':1}", "{}", "(1,2)",
        "1e3", big, "'%s'", "'%d'",
    ]
    for a in jv:
        for b in jv:
            for op in ["+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", ">", "<=", ">=", "in", "not in", "~", "and", "or"]:
                if op == "**" and big in (a, b):
                    continue  # Python computes the power before anything can stop it
                s.add("jinja", "{{ %s %s %s }}" % (a, op, b))
    return s


def sweep_unicode():
    s = Sweep("unicode")
    texts = [
        "ß straße", "İstanbul ıi", "ǆemal ǅ ǈ", "ﬁne ﬂow", "ΣΑΣ σας ὈΔΥΣΣΕΎΣ", "\u00a0x\u2003y\u3000",
        "a\x1cb\x1dc\x1ed\x1ff", "a\u2028b\u2029c\x85d", "١٢٣ ²³ ½ Ⅻ", "😀 e\u0301 Å", "hello_World 9x",
        "ǰ ŉ ΐ", "ꭰ ᏸ", "ＡＢＣ ａｂｃ", "\t tab \n", "MiXeD CaSe", "a\u0345b",
    ]
    methods = [
        "upper()", "lower()", "title()", "capitalize()", "swapcase()", "casefold()", "strip()", "lstrip()", "rstrip()",
        "split()", "splitlines()", "isalpha()", "isdigit()", "isnumeric()", "isdecimal()", "isspace()", "isidentifier()",
        "isprintable()", "isalnum()", "istitle()", "isupper()", "islower()", "center(30, '*')", "zfill(20)",
        "expandtabs(4)", "split(None, 1)", "rsplit(None, 1)", "partition(' ')", "encode() | list | length",
    ]
    filters = [
        "upper", "lower", "title", "capitalize", "trim", "wordcount", "length", "reverse", "list | length", "center(30)",
        "truncate(9)", "wordwrap(5)", "striptags", "urlencode", "escape", "replace('s', 'S')", "first", "last",
        "sort | join", "unique | list | length", "max", "min",
    ]
    yaql_methods = [
        "toUpper()", "toLower()", "trim()", "trimLeft()", "trimRight()", "split()", "len()", "toCharArray().len()",
        "characters(letters=>true).len()", "isEmpty()", "indexOf('a')", "replace('s', 'S')", "center(30, '*')",
        "substring(1, 3)", "join(',')", "concat('x')", "norm()",
    ]
    for text in texts:
        ctx = {"s": text}
        for m in methods:
            s.add("jinja", "{{ ctx('s').%s }}" % m, ctx)
        for f in filters:
            s.add("jinja", "{{ ctx('s') | %s }}" % f, ctx)
        for m in yaql_methods:
            s.add("yaql", "<%% ctx(s).%s %%>" % m, ctx)
    return s


def sweep_formats(rng):
    s = Sweep("formats")
    values = [
        "0", "-0.0", "1", "-7", "255", "3.14159", "-2.5", "1e20", "1.5e-7", "123456789", "true", "none", "'abc'", "''",
        "[1,2]", "(1,'a')", "{'a':1}", "10000000000000000000001", "0.1", "2.675", "(0.0 * 1e400)", "1e400", "1/3",
    ]
    for _ in range(2500):
        spec = rng.choice(["", "*", "0", " "]) + rng.choice(["<", ">", "^", "="]) if rng.random() < 0.3 else rng.choice(["", "<", ">", "^", "="])
        spec += rng.choice(["", "+", "-", " "]) + rng.choice(["", "#"]) + rng.choice(["", "0"])
        spec += rng.choice(["", "1", "8", "12"]) + rng.choice(["", ",", "_"]) + rng.choice(["", ".0", ".2", ".5", ".12"])
        spec += rng.choice(["", "s", "d", "f", "F", "e", "E", "g", "G", "%", "x", "X", "o", "b", "c", "n"])
        conv = rng.choice(["", "", "", "!r", "!s", "!a"])
        s.add("jinja", "{{ '{%s:%s}'.format(%s) }}" % (conv, spec, rng.choice(values)))
    for _ in range(2000):
        v = rng.choice(values)
        spec = "%" + rng.choice(["", "-", "+", " ", "#", "0", "-0"]) + rng.choice(["", "5", "*"])
        spec += rng.choice(["", ".2", ".0", ".*"]) + rng.choice(list("sradiuoxXeEfFgGc%"))
        arg = "(" + ", ".join(["6"] * spec.count("*") + [v]) + ")" if "*" in spec else v
        s.add("jinja", "{{ '%s' %% %s }}" % (spec, arg))
        s.add("jinja", "{{ '%s' | format(%s) }}" % (spec, v))
    return s


def sweep_rendering():
    s = Sweep("rendering")
    jv = [
        "1.0", "1e16", "1e-5", "-0.0", "2.5e-300", "1.7976931348623157e308", "123456789012345678", "0.1+0.2", "1e22",
        "1/3", "[1.0, {'a': -0.0}]", "{'k': (1, 2.50)}", "'it''s'", "'a\"b'", "'\\u00e9\\u2028\\x00'",
        "[none, true, 'x']", "{1: 2, 'a': none}", "1e400", "-1e400", "(1,)", "()", "''", "'\\t\\n'",
    ]
    for v in jv:
        for form in [
            "{{ %s }}", "v={{ %s }}", "{{ %s | string }}", "{{ %s | tojson }}", "{{ %s | pprint }}", "{{ [%s] }}x",
            "{{ %s | to_json_string }}", "{{ %s | to_yaml_string }}", "{{ {'k': %s} | string }}",
        ]:
            s.add("jinja", form % v)
    yv = [
        "1.0", "1e16", "1e-5", "-0.0", "123456789012345678", "0.1 + 0.2", "1e22", "1 / 3.0", "[1.0, {a => -0.0}]",
        "'it''s'", "'a\"b'", "[null, true, 'x']", "{1 => 2, 'a' => null}", "''", "'\\t\\n'", "set(1, 2.0)",
        "[1, [2, [3]]]", "dict(a => [1])",
    ]
    for v in yv:
        for form in [
            "<%% %s %%>", "v=<%% %s %%>", "<%% str(%s) %%>", "<%% [%s] %%>x", "<%% to_json_string(%s) %%>",
            "<%% to_yaml_string(%s) %%>", "<%% json_dump({k => %s}) %%>",
        ]:
            s.add("yaql", form % v)
    return s


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rng = random.Random(seed)
    env = jinja2.Environment()
    sweeps = [
        sweep_yaql_names(rng), sweep_yaql_keywords(rng), sweep_jinja_filters(env), sweep_jinja_keywords(env, rng),
        sweep_jinja_methods(rng), sweep_jinja_globals(), sweep_st2(rng), sweep_operators(), sweep_unicode(), sweep_formats(rng),
        sweep_rendering(),
    ]
    os.makedirs(out, exist_ok=True)
    for s in sweeps:
        with open(os.path.join(out, f"{s.name}.json"), "w") as f:
            json.dump({"format": "orqc-golden-expressions/1", "cases": s.cases}, f, ensure_ascii=False)
        print(f"{s.name}: {len(s.cases)} cases")


if __name__ == "__main__":
    main()
