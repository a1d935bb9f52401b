"""Reference evaluator for YAQL cases: evaluates golden-format cases the way
Orquesta 1.6.0 renders a `<% %>` value, with the real yaql library.

Usage: /usr/bin/python3 yaql_reference.py CASES.json > RESULTS.json

It needs yaql (Debian's python3-yaql is 2.0.0). Set YAQL_SRC to a directory
holding yaql 3.2.0's `yaql/` package (e.g. `git archive 3.2.0 yaql` of
openstack/yaql) to use that version instead; without it, yaql 2.0.0 is used
with its `format` function removed (the only standard-library difference
between 2.0.0 and 3.2.0, the version the golden cases were recorded with).

Output: a JSON list of {id, value, type[, float_paths]} or {id, error_type,
message} in the form of ../../../shared/golden/expressions/README.md.
Cases that time out (infinite sequences) get error_type "timeout"; cases that
call a StackStorm function this reference does not implement get "unsupported".
"""

import collections.abc  # noqa: F401  (yaql 3.2.0's utils uses collections.abc without importing it)
import json
import math
import os
import re
import signal
import sys

if os.environ.get("YAQL_SRC"):
    sys.path.insert(0, os.environ["YAQL_SRC"])

import yaql  # noqa: E402
import yaql.language.exceptions as yaql_exc  # noqa: E402
import yaql.language.utils as yaql_utils  # noqa: E402

from orquesta_functions import register_orquesta_functions, VariableError, CASE_STATE  # noqa: E402

EXPR_RE = re.compile(r"<%.*?%>")

# StackStorm functions Orquesta gets from st2 that orquesta_functions.py leaves out.
UNIMPLEMENTED_ST2 = {
    "st2kv", "task", "from_yaml_string", "yaml_parse", "to_yaml_string", "yaml_dump", "jsonpath_query",
    "to_human_time_from_seconds", "version_compare", "version_more_than", "version_less_than", "version_equal",
    "version_match", "version_bump_major", "version_bump_minor", "version_bump_patch", "version_strip_patch",
}


def make_engine():
    engine = yaql.language.factory.YaqlFactory().create()
    root = yaql.create_context()
    if not os.environ.get("YAQL_SRC"):
        drop_format(root)
    register_orquesta_functions(root)
    return engine, root


def drop_format(root):
    """yaql 3.0 removed the string `format` function; 2.0.0 still has it."""
    ctx = root
    while ctx is not None:
        functions = getattr(ctx, "_functions", None)
        if functions is not None and "format" in functions:
            keep = {f for f in functions["format"] if "strings" not in f.payload.__module__}
            functions["format"] = keep
        ctx = ctx.parent


ENGINE, ROOT = make_engine()


def contextualize(data):
    ctx = ROOT.create_child_context()
    ctx["__vars"] = yaql_utils.convert_input_data(data)
    return ctx


def strip_delimiter(expr):
    return expr.strip("<%>").strip()


def evaluate_text(text, data):
    """Orquesta's YAQLEvaluator.evaluate."""
    output = text
    exprs = EXPR_RE.findall(text)
    ctx = contextualize(data)
    for expr in exprs:
        result = ENGINE(strip_delimiter(expr)).evaluate(context=ctx)
        if isinstance(result, collections.abc.Generator):
            result = list(result)
        if isinstance(result, str):
            result = evaluate_text(result, data)
        if len(exprs) > 1 or len(output) > len(expr):
            output = output.replace(expr, str(result))
        else:
            output = result
    return output


def render(value, data):
    """Orquesta's expressions.base.evaluate for YAQL-only values."""
    if isinstance(value, dict):
        return {render(k, data): render(v, data) for k, v in value.items()}
    if isinstance(value, list):
        return [render(v, data) for v in value]
    if isinstance(value, str) and EXPR_RE.search(value):
        return evaluate_text(value, data)
    return value


def category(e):
    if isinstance(e, yaql_exc.YaqlParsingException):
        return "syntax"
    if isinstance(e, (KeyError, VariableError)):
        return "undefined_variable"
    return "evaluation"


# ---- golden JSON form ----

MAX_SAFE = 2**53 - 1


def decode_input(v):
    if isinstance(v, dict):
        if len(v) == 1 and "$bigint" in v:
            return int(v["$bigint"])
        if len(v) == 1 and "$float" in v:
            return float(v["$float"])
        return {k: decode_input(x) for k, x in v.items()}
    if isinstance(v, list):
        return [decode_input(x) for x in v]
    return v


def sort_key(v):
    return (type(v).__name__, repr(v))


def to_golden(v, path, floats):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return {"$bigint": str(v)} if abs(v) > MAX_SAFE else v
    if isinstance(v, float):
        if path:
            floats.append(path)
        if math.isnan(v):
            return {"$float": "nan"}
        if math.isinf(v):
            return {"$float": "inf" if v > 0 else "-inf"}
        return v
    if isinstance(v, dict):
        # float_paths are JSON Pointers (RFC 6901): "~" and "/" in a key escaped, as jinja_reference.py does
        return {
            (k if isinstance(k, str) else str(k)): to_golden(
                x, f"{path}/{str(k).replace('~', '~0').replace('/', '~1')}", floats
            )
            for k, x in v.items()
        }
    if isinstance(v, (set, frozenset)):
        try:
            items = sorted(v)
        except TypeError:
            items = sorted(v, key=sort_key)
        return [to_golden(x, f"{path}/{i}", floats) for i, x in enumerate(items)]
    if isinstance(v, (list, tuple)):
        return [to_golden(x, f"{path}/{i}", floats) for i, x in enumerate(v)]
    raise TypeError(f"not data: {type(v).__name__}")


def golden_result(value):
    floats = []
    out = {"value": to_golden(value, "", floats), "type": type(value).__name__}
    if floats:
        out["float_paths"] = floats
    return out


class Timeout(Exception):
    pass


def on_alarm(_signum, _frame):
    raise Timeout()


def run_case(case):
    data = decode_input(case.get("ctx") or {})
    CASE_STATE.clear()
    CASE_STATE.update(
        {
            "current_item": yaql_utils.convert_input_data(decode_input(case.get("current_item"))),
            "current_task": yaql_utils.convert_input_data(decode_input(case.get("current_task"))),
            "task_states": case.get("task_states") or {},
            "datastore": decode_input(case.get("datastore") or {}),
            "ctx": data,
        }
    )
    signal.alarm(2)
    try:
        value = render(case["expr"], data)
        return {"id": case["id"], **golden_result(value)}
    except Timeout:
        return {"id": case["id"], "error_type": "timeout", "message": "timeout"}
    except RecursionError as e:
        return {"id": case["id"], "error_type": "evaluation", "message": f"RecursionError: {e}"}
    except Exception as e:  # noqa: BLE001 - every failure is a result
        missing = re.match(r'Unknown function "(\w+)"', str(e))
        if missing and missing.group(1) in UNIMPLEMENTED_ST2:
            return {"id": case["id"], "error_type": "unsupported", "message": str(e)}
        return {"id": case["id"], "error_type": category(e), "message": f"{type(e).__name__}: {e}"}
    finally:
        signal.alarm(0)


def main():
    with open(sys.argv[1], encoding="utf8") as f:
        doc = json.load(f)
    cases = doc["cases"] if isinstance(doc, dict) else doc
    signal.signal(signal.SIGALRM, on_alarm)
    sys.setrecursionlimit(5000)
    results = [run_case(c) for c in cases if c.get("lang", "yaql") == "yaql"]
    json.dump(results, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
