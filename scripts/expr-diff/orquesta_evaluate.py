#!/usr/bin/python3
"""Expression oracle on the real Orquesta 1.6.0 evaluators and function catalogue.

Where yaql_reference.py and jinja_reference.py rebuild Orquesta's rendering
around yaql and Jinja2 (and emulate its functions), this one calls
`orquesta.expressions.base.evaluate(value, data)` itself, the function the
conductor calls, with Orquesta's own `ctx`, `item`, `task_status`,
`succeeded`, `result`, `zip`, `json` ... (loaded through its entry points, so
run `setup.py egg_info` in ORQUESTA_SRC first). Both languages, mixed values and
structures go through it as through Orquesta. StackStorm's functions are not
there: cases naming them are skipped, unless ST2_SRC names a StackStorm
checkout, whose own functions are then added (st2_source_functions.py).

The case's fields become Orquesta's data: `ctx` the variables, `current_task`
`__current_task`, `current_item` `__current_item`, and `task_states` (with the
current task's status) a one-route `__state` as the conductor writes it.
Checked against the golden cases: all agree but `{{ __vars }}`, which shows the
data itself.

Needs ORQUESTA_SRC and YAQL_SRC (see yaql_reference.py), /usr/bin/python3 with
Debian's python3-jinja2, python3-stevedore, python3-six, python3-jsonschema.

Usage: orquesta_evaluate.py CASES.json > RESULTS.json
Prints [{id, value, type[, float_paths]} | {id, error_type, message} | {id, skip}].
"""

import collections.abc  # noqa: F401  (yaql 3.2.0 uses collections.abc without importing it)
import json
import os
import re
import signal
import sys

sys.path.insert(0, os.environ["YAQL_SRC"])
sys.path.insert(0, os.environ["ORQUESTA_SRC"])

import st2_source_functions  # noqa: E402

WITH_ST2 = bool(os.environ.get("ST2_SRC"))
if WITH_ST2:
    st2_source_functions.install()

from orquesta.expressions import base as expr_base  # noqa: E402

from jinja_reference import decode, run_file, value_result  # noqa: E402

ST2_FUNCTIONS = re.compile(
    r"\b(st2kv|task|jsonpath_query|to_yaml_string|yaml_dump|to_human_time_from_seconds|version_\w+"
    r"|to_complex|decrypt_kv|from_json_string|json_parse|from_yaml_string|yaml_parse|to_json_string"
    r"|json_dump|json_escape|regex_\w+|use_none|basename|dirname)\b"
)


def data_of(case):
    data = dict(decode(case.get("ctx") or {}))
    states = dict(case.get("task_states") or {})
    current = case.get("current_task")
    if current is not None:
        current = decode(current)
        data["__current_task"] = {
            "id": current.get("id"),
            "route": current.get("route", 0),
            "result": current.get("result"),
        }
        if current.get("status") is not None:
            states[current.get("id")] = current.get("status")
    if "current_item" in case:
        data["__current_item"] = decode(case["current_item"])
    if states or current is not None:
        sequence = [{"id": task, "route": 0, "status": status} for task, status in states.items()]
        pointers = {"%s__r0" % task: i for i, task in enumerate(states)}
        data["__state"] = {"tasks": pointers, "sequence": sequence, "routes": [[]]}
    return data


def error_category(exc):
    # Orquesta wraps every failure in one exception per language: the cause is in the message.
    message = "%s: %s" % (type(exc).__name__, exc)
    if re.search(r"TemplateSyntaxError|YaqlGrammarException|YaqlLexicalException|YaqlParsingException", message):
        return "syntax"
    if re.search(
        r"VariableUndefinedError|VariableInaccessibleError|Unable to resolve key|UndefinedError"
        r"|unresolved variables",
        message,
    ):
        return "undefined_variable"
    return "evaluation"


def run_case(case):
    if not WITH_ST2 and ST2_FUNCTIONS.search(json.dumps(case["expr"])):
        return {"id": case["id"], "skip": "StackStorm functions"}
    st2_source_functions.CASE["datastore"] = decode(case.get("datastore") or {})
    signal.alarm(3)
    try:
        value = expr_base.evaluate(decode(case["expr"]), data_of(case))
    except (RecursionError, TimeoutError) as exc:
        return {"id": case["id"], "skip": type(exc).__name__}
    except Exception as exc:  # noqa: BLE001 - every failure is a result
        return {"id": case["id"], "error_type": error_category(exc), "message": str(exc)[:300]}
    finally:
        signal.alarm(0)
    return value_result(case["id"], value)


if __name__ == "__main__":
    run_file(run_case)
