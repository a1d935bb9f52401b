#!/usr/bin/python3
"""Reference evaluator for Jinja cases in the golden expression format.

Renders each case's `expr` the way Orquesta 1.6 renders a workflow value with
Jinja2 (sandboxed environment, StrictUndefined, trim_blocks, lstrip_blocks;
a value that is one `{{ }}` expression gives the native value, anything else
is rendered to text; string results are rendered again; raw blocks are cut
out and put back). Orquesta's functions are emulated simply; StackStorm's are
left out (cases using them are reported as `skip`).

Needs Jinja2 3.1 (Debian's python3-jinja2): run with /usr/bin/python3.

Usage: jinja_reference.py CASES.json > RESULTS.json
Prints [{id, value, type[, float_paths]} | {id, error_type} | {id, skip}].
"""

import functools
import inspect
import json
import math
import os
import re
import signal
import sys
import warnings

import jinja2
import yaml
import jinja2.sandbox
from markupsafe import Markup

# The functions that do not depend on the language are the YAQL reference's.
from orquesta_functions import (
    json_,
    json_escape,
    regex_match,
    regex_replace,
    regex_search,
    regex_substring,
    to_json_string,
    use_none,
    zip_,
)


class VariableUndefined(Exception):
    """ctx('name') of a missing or private variable."""


class Unrepresentable(Exception):
    """The result is not data (an iterator, a bound method, ...)."""


# --- Orquesta's functions ---------------------------------------------------


def ctx_(context, key=None):
    if key:
        if key not in context["__vars"]:
            raise VariableUndefined(key)
        if key.startswith("__"):
            raise VariableUndefined(key)
        return context["__vars"][key]
    return {k: v for k, v in context["__vars"].items() if not k.startswith("__")}






def item_(context, key=None):
    current_item = context["__current_item"]
    if not key:
        return current_item
    if not isinstance(current_item, dict):
        raise ValueError("Item is not type of collections.abc.Mapping.")
    if key not in current_item:
        raise ValueError('Item does not have key "%s".' % key)
    return current_item[key]


def _current_task(context):
    task = context.get("__current_task") or {}
    if not task:
        raise ValueError("The current task is not set in the context.")
    return task


def result_(context):
    return _current_task(context).get("result")


def succeeded_(context):
    return _current_task(context).get("status") == "succeeded"


def failed_(context):
    return _current_task(context).get("status") == "failed"


def completed_(context):
    return _current_task(context).get("status") in (
        "succeeded",
        "failed",
        "timeout",
        "abandoned",
        "canceled",
    )


def task_status_(context, task_id, route=None):
    task = context.get("__current_task") or {}
    if task.get("id") == task_id:
        return task.get("status")
    return (context.get("__task_states") or {}).get(task_id, "null")


# --- StackStorm's functions (st2common/expressions/functions), the simple ones --


def _no_constant(name):
    raise ValueError("orjson does not accept %s" % name)


def _orjson_float(text):
    number = float(text)
    if math.isinf(number):
        raise ValueError("orjson does not accept %s: number out of range" % text)
    return number


def _orjson_int(text):
    # orjson reads an integer outside [-2**63, 2**64-1] as a float
    number = int(text)
    return number if -(2**63) <= number < 2**64 else _orjson_float(text)


def from_json_string(value):
    # StackStorm parses with orjson: strict JSON, no NaN or Infinity, no float past the double range
    return json.loads(str(value), parse_constant=_no_constant, parse_float=_orjson_float, parse_int=_orjson_int)


def from_yaml_string(value):
    return yaml.safe_load(str(value))


















ST2_CATALOG = {
    "from_json_string": from_json_string,
    "json_parse": from_json_string,
    "from_yaml_string": from_yaml_string,
    "yaml_parse": from_yaml_string,
    "to_json_string": to_json_string,
    "json_dump": to_json_string,
    "json_escape": json_escape,
    "regex_match": regex_match,
    "regex_replace": regex_replace,
    "regex_search": regex_search,
    "regex_substring": regex_substring,
    "use_none": use_none,
    "basename": os.path.basename,
    "dirname": os.path.dirname,
}

CATALOG = {
    **ST2_CATALOG,
    "task_status": task_status_,
    "ctx": ctx_,
    "json": json_,
    "zip": zip_,
    "item": item_,
    "result": result_,
    "succeeded": succeeded_,
    "failed": failed_,
    "completed": completed_,
}

ENV = jinja2.sandbox.SandboxedEnvironment(
    undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
)
for _name, _func in CATALOG.items():
    ENV.filters[_name] = _func


def _takes_context(func):
    try:
        params = inspect.signature(func).parameters
    except ValueError:
        return False
    return "context" in params


def contextualize(case):
    data = dict(case["ctx"])
    ctx = {
        "__vars": data,
        "__current_item": case.get("current_item"),
        "__current_task": case.get("current_task"),
        "__task_states": case.get("task_states"),
    }
    for name, func in CATALOG.items():
        ctx[name] = functools.partial(func, ctx) if _takes_context(func) else func
    return ctx


# --- Orquesta's rendering ---------------------------------------------------

EXPR_RE = re.compile("{{.*?}}")
BLOCK_RE = re.compile("{%.*?%}")
RAW_RE = re.compile("{% raw %}.*?{% endraw %}")


class UnresolvedVariables(Exception):
    pass


def strip_delimiter(expr):
    return expr.strip("{}").strip()


def evaluate_and_expand(text, case):
    exprs = EXPR_RE.findall(text)
    blocks = BLOCK_RE.findall(text)
    ctx = contextualize(case)
    if blocks:
        output = str(ENV.from_string(text).render(ctx))
        return evaluate_and_expand(output, case)
    output = text
    for expr in exprs:
        compiled = ENV.compile_expression(strip_delimiter(expr), undefined_to_none=False)
        result = compiled(**ctx)
        if inspect.isgenerator(result):
            result = list(result)
        if isinstance(result, str):
            result = evaluate_and_expand(result, case)
        if not isinstance(result, jinja2.runtime.StrictUndefined):
            if len(exprs) > 1 or blocks or len(output) > len(expr):
                output = output.replace(expr, str(result))
            else:
                output = result
    return output


def evaluate(text, case):
    raw_blocks = RAW_RE.findall(text)
    for i, raw in enumerate(raw_blocks):
        text = text.replace(raw, "{%s}" % i)
    output = evaluate_and_expand(text, case)
    if isinstance(output, str):
        exprs = [strip_delimiter(e) for e in EXPR_RE.findall(output)]
        if exprs:
            raise UnresolvedVariables(", ".join(exprs))
    if isinstance(output, str) and raw_blocks:
        for i, raw in enumerate(raw_blocks):
            output = output.replace("{%s}" % i, raw)
        output = str(ENV.from_string(output).render(contextualize(case)))
    return output


def render_value(value, case):
    if isinstance(value, dict):
        return {render_value(k, case): render_value(v, case) for k, v in value.items()}
    if isinstance(value, list):
        return [render_value(v, case) for v in value]
    if isinstance(value, str) and (EXPR_RE.search(value) or BLOCK_RE.search(value)):
        return evaluate(value, case)
    return value


# --- golden JSON form -------------------------------------------------------


def decode(value):
    """Golden JSON ($bigint, $float) to Python values."""
    if isinstance(value, dict):
        if len(value) == 1 and "$bigint" in value:
            return int(value["$bigint"])
        if len(value) == 1 and "$float" in value:
            return float(value["$float"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def type_name(value):
    if isinstance(value, Markup):
        return "str"
    return type(value).__name__


def encode(value, path, floats):
    """Python value to golden JSON; float pointers go into `floats`."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if abs(value) <= 2**53 - 1 else {"$bigint": str(value)}
    if isinstance(value, float):
        floats.append(path)
        if math.isnan(value):
            return {"$float": "nan"}
        if math.isinf(value):
            return {"$float": "inf" if value > 0 else "-inf"}
        return value
    if isinstance(value, str):
        # escape and urlize print the repr escaped: "... at 0x7f...&gt;"
        if re.search(" at 0x[0-9a-f]+(>|&gt;)", value):
            raise Unrepresentable("text with a memory address")
        return str(value)
    if isinstance(value, (list, tuple)):
        return [encode(v, "%s/%d" % (path, i), floats) for i, v in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        items = sorted(value)
        return [encode(v, "%s/%d" % (path, i), floats) for i, v in enumerate(items)]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            key = k if isinstance(k, str) else str(k)
            escaped = key.replace("~", "~0").replace("/", "~1")
            out[str(key)] = encode(v, "%s/%s" % (path, escaped), floats)
        return out
    raise Unrepresentable(type(value).__name__)


# StackStorm's functions, not emulated here: cases naming them are skipped.
ST2_FUNCTIONS = re.compile(
    # to_yaml_string: PyYAML ends a top-level plain scalar with "...", the golden recording does not
    r"\b(st2kv|task|jsonpath_query|to_yaml_string|yaml_dump|to_human_time_from_seconds|version_\w+|to_complex|decrypt_kv)\b"
)


def error_category(exc):
    # an unknown filter or test is found when compiling, but Orquesta's
    # callers see it as an evaluation failure
    if isinstance(exc, jinja2.TemplateAssertionError):
        return "evaluation"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return "syntax"
    if isinstance(exc, (jinja2.UndefinedError, VariableUndefined, UnresolvedVariables)):
        return "undefined_variable"
    return "evaluation"


def run_case(case):
    if case.get("lang") != "jinja":
        return {"id": case["id"], "skip": "not jinja"}
    text = json.dumps(case["expr"])
    if "<%" in text or ST2_FUNCTIONS.search(text):
        return {"id": case["id"], "skip": "YAQL or StackStorm functions"}
    case = dict(case)
    case["ctx"] = decode(case.get("ctx") or {})
    if "current_item" in case:
        case["current_item"] = decode(case["current_item"])
    signal.alarm(3)
    try:
        value = render_value(decode(case["expr"]), case)
    except (RecursionError, TimeoutError) as exc:
        return {"id": case["id"], "skip": type(exc).__name__}
    except Exception as exc:  # noqa: BLE001 - every failure is a result
        return {"id": case["id"], "error_type": error_category(exc)}
    finally:
        signal.alarm(0)
    return value_result(case["id"], value)


def value_result(case_id, value):
    """A value in the golden form, or a skip for one that has none."""
    floats = []
    try:
        encoded = encode(value, "", floats)
    except (Unrepresentable, TypeError) as exc:
        # TypeError: a set mixing types has no order to write it in
        return {"id": case_id, "skip": "unrepresentable %s" % exc}
    out = {"id": case_id, "value": encoded, "type": type_name(value)}
    if floats and isinstance(value, (list, tuple, set, frozenset, dict)):
        out["float_paths"] = floats
    return out


def _timeout(signum, frame):
    raise TimeoutError()


def run_file(run_case):
    """Runs every case of the file named on the command line, 3 s each, and prints the results."""
    warnings.simplefilter("ignore")
    signal.signal(signal.SIGALRM, _timeout)
    sys.setrecursionlimit(3000)
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    cases = doc["cases"] if isinstance(doc, dict) else doc
    json.dump([run_case(c) for c in cases], sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    run_file(run_case)
