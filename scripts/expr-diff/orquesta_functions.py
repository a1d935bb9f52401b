"""Orquesta's workflow functions (and a few of StackStorm's) for the YAQL
reference evaluator, written from their documented behaviour
(../../../shared/docs/orquesta-semantics.md section 8.4). They are registered
on the root context as plain Python functions, as Orquesta registers its
plugins, so yaql infers their parameters the same way (`context` is injected).

A case's runtime state (current item, task, task states, datastore) lives in
CASE_STATE, set by the runner before each case.
"""

import collections.abc
import json
import os
import posixpath
import re
from itertools import zip_longest

CASE_STATE = {}

COMPLETED = {"succeeded", "failed", "timeout", "abandoned", "canceled"}


class VariableError(Exception):
    """Orquesta's VariableUndefinedError / VariableInaccessibleError."""


class OrquestaEvaluationError(Exception):
    pass


def ctx_(context, key=None):
    variables = context["__vars"]
    if key:
        if key not in variables:
            raise VariableError(f'The variable "{key}" is undefined.')
        if key.startswith("__"):
            raise VariableError(f'The variable "{key}" is for internal use and inaccessible.')
        return variables[key]
    return {k: v for k, v in variables.items() if not k.startswith("__")}


def json_(s):
    if isinstance(s, dict):
        return s
    if not isinstance(s, str):
        raise TypeError("Given object is not typeof string.")
    return json.loads(s)


def zip_(*args, **kwargs):
    lists = [[] if a is None else a for a in args]
    if len(lists) == 1:
        return lists[0]
    return list(zip_longest(*lists, fillvalue=kwargs.pop("pad", None)))


def item_(context, key=None):
    item = CASE_STATE.get("current_item")
    if not key:
        return item
    if not isinstance(item, collections.abc.Mapping):
        raise OrquestaEvaluationError("Item is not type of collections.abc.Mapping.")
    if key not in item:
        raise OrquestaEvaluationError(f'Item does not have key "{key}".')
    return item[key]


def _current_task():
    task = CASE_STATE.get("current_task")
    if not task:
        raise OrquestaEvaluationError("The current task is not set in the context.")
    return task


def task_status_(context, task_id, route=None):
    states = CASE_STATE.get("task_states") or {}
    if task_id in states:
        return states[task_id]
    task = CASE_STATE.get("current_task") or {}
    if task and task.get("id") == task_id and task.get("status"):
        return task["status"]
    return "null"


def succeeded_(context):
    t = _current_task()
    return task_status_(context, t["id"]) == "succeeded"


def failed_(context):
    t = _current_task()
    return task_status_(context, t["id"]) == "failed"


def completed_(context):
    t = _current_task()
    return task_status_(context, t["id"]) in COMPLETED


def result_(context):
    return _current_task().get("result")


# ---- a few StackStorm functions ----


def _plain(value):
    """yaql's frozen values as plain data (the golden st2 cases expect to_json_string to accept them)."""
    if isinstance(value, collections.abc.Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json_string(value, indent=None, sort_keys=False, separators=(",", ": ")):
    # StackStorm passes only the options that are not None (so `none` means json.dumps' default).
    options = {}
    if indent is not None:
        options["indent"] = indent
    if sort_keys is not None:
        options["sort_keys"] = sort_keys
    if separators is not None:
        options["separators"] = tuple(separators)
    return json.dumps(_plain(value), **options)


def from_json_string(value):
    return json.loads(value)


def json_escape(value):
    return json.dumps(value).strip('"')


def _flags(ignorecase):
    return re.IGNORECASE if ignorecase else 0


def regex_match(value, pattern, ignorecase=False):
    return bool(re.match(pattern, str(value), _flags(ignorecase)))


def regex_search(value, pattern, ignorecase=False):
    return bool(re.search(pattern, str(value), _flags(ignorecase)))


def regex_replace(value, pattern, replacement, ignorecase=False):
    return re.sub(pattern, replacement, str(value), flags=_flags(ignorecase))


def regex_substring(value, pattern, result_index=0, ignorecase=False):
    return re.findall(pattern, str(value), _flags(ignorecase))[result_index]


def use_none(value):
    return "%*****__%NONE%__*****%" if value is None else value


def basename(path):
    return posixpath.basename(path)


def dirname(path):
    return os.path.dirname(path)


FUNCTIONS = {
    "ctx": ctx_,
    "json": json_,
    "zip": zip_,
    "item": item_,
    "task_status": task_status_,
    "succeeded": succeeded_,
    "failed": failed_,
    "completed": completed_,
    "result": result_,
    "to_json_string": to_json_string,
    "json_dump": to_json_string,
    "from_json_string": from_json_string,
    "json_parse": from_json_string,
    "json_escape": json_escape,
    "regex_match": regex_match,
    "regex_search": regex_search,
    "regex_replace": regex_replace,
    "regex_substring": regex_substring,
    "use_none": use_none,
    "basename": basename,
    "dirname": dirname,
}


def register_orquesta_functions(root):
    for name, func in FUNCTIONS.items():
        root.register_function(func, name=name)
