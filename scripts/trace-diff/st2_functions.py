"""StackStorm's expression functions as the orquesta runner registers them
(the `orquesta.expressions.functions` entry point of st2common), for the
trace reference. The data/regex/path functions come from the expression
reference (../expr-diff/orquesta_functions.py); st2kv and task read the run
through HOOKS, set by orquesta_reference.py.
"""

import json

import yaml
from orquesta import exceptions as orq_exc

import orquesta_functions as of
import st2_source_functions

ExpressionEvaluationException = orq_exc.ExpressionEvaluationException
MISSING = st2_source_functions.MISSING
HOOKS = {}


st2kv_ = st2_source_functions.make_st2kv(lambda key: HOOKS["st2kv"](key))


def context_get(context, key):
    """A key of the evaluation context (a dict for Jinja, a yaql Context for YAQL)."""
    try:
        return context[key]
    except (KeyError, TypeError):
        return None


def task_(context, task_id=None, route=None):
    current = context_get(context, "__current_task") or {}
    if task_id is None:
        task_id = current["id"]
    if route is None:
        route = current.get("route", 0) if current else 0
    record = HOOKS["task"](context, task_id, route)
    # Once the task execution is found, StackStorm reads the workflow
    # execution id from the st2 context: without one (e.g. the terminal
    # context of a run with no terminal task) the KeyError surfaces as YAQL's
    # "Unable to resolve key 'st2'".
    context_get(context, "__vars")["st2"]["workflow_execution_id"]
    return record


def from_yaml_string(value):
    return yaml.safe_load(str(value))


def to_yaml_string(value, indent=None, allow_unicode=None):
    return yaml.safe_dump(of._plain(value), indent=indent, allow_unicode=allow_unicode, default_flow_style=False)


def to_complex(value):
    return json.dumps(of._plain(value))


def to_human_time_from_seconds(seconds):
    seconds = int(seconds)
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    parts.append(f"{seconds}s")
    return "".join(parts)


FUNCTIONS = {
    "st2kv": st2kv_,
    "task": task_,
    "from_yaml_string": from_yaml_string,
    "yaml_parse": from_yaml_string,
    "to_yaml_string": to_yaml_string,
    "yaml_dump": to_yaml_string,
    "to_complex": to_complex,
    "to_human_time_from_seconds": to_human_time_from_seconds,
}
for _name in (
    "to_json_string",
    "json_dump",
    "from_json_string",
    "json_parse",
    "json_escape",
    "regex_match",
    "regex_search",
    "regex_replace",
    "regex_substring",
    "use_none",
    "basename",
    "dirname",
):
    FUNCTIONS[_name] = of.FUNCTIONS[_name]


# ---- version_* (StackStorm uses the semver package; plain MAJOR.MINOR.PATCH here)


def _ver(v):
    parts = [int(x) for x in str(v).split("-")[0].split("+")[0].split(".")]
    while len(parts) < 3:
        parts.append(0)
    return tuple(parts[:3])


def version_compare(value, pattern):
    a, b = _ver(value), _ver(pattern)
    return (a > b) - (a < b)


def version_more_than(value, pattern):
    return version_compare(value, pattern) == 1


def version_less_than(value, pattern):
    return version_compare(value, pattern) == -1


def version_equal(value, pattern):
    return version_compare(value, pattern) == 0


def version_match(value, pattern):
    for op in (">=", "<=", "==", "!=", ">", "<"):
        if pattern.startswith(op):
            c = version_compare(value, pattern[len(op):])
            return {">=": c >= 0, "<=": c <= 0, "==": c == 0, "!=": c != 0, ">": c > 0, "<": c < 0}[op]
    return version_compare(value, pattern) == 0


def _fmt(t):
    return "%d.%d.%d" % t


def version_bump_major(value):
    a = _ver(value)
    return _fmt((a[0] + 1, 0, 0))


def version_bump_minor(value):
    a = _ver(value)
    return _fmt((a[0], a[1] + 1, 0))


def version_bump_patch(value):
    a = _ver(value)
    return _fmt((a[0], a[1], a[2] + 1))


def version_strip_patch(value):
    a = _ver(value)
    return "%d.%d" % a[:2]


def jsonpath_query(data, expr):
    """A small JSONPath subset ($, .name, [n], [*], .*): a list of matches or None."""
    import re

    nodes = [of._plain(data)]
    for name, index in re.findall(r"\.(\*|\w+)|\[(\*|\d+)\]", expr.lstrip("$")):
        nxt = []
        for n in nodes:
            key = name or index
            if key == "*":
                nxt.extend(n.values() if isinstance(n, dict) else n if isinstance(n, list) else [])
            elif isinstance(n, dict) and key in n:
                nxt.append(n[key])
            elif isinstance(n, list) and index and int(index) < len(n):
                nxt.append(n[int(index)])
        nodes = nxt
    return nodes or None


for _f in (
    version_compare,
    version_more_than,
    version_less_than,
    version_equal,
    version_match,
    version_bump_major,
    version_bump_minor,
    version_bump_patch,
    version_strip_patch,
    jsonpath_query,
):
    FUNCTIONS[_f.__name__] = _f
