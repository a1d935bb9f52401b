"""Reference trace recorder: runs a golden-format scenario with the real
Orquesta engine (WorkflowConductor) under the `wave` schedule of
shared/golden/README.md and writes the trace in the golden format.

Usage:
  /usr/bin/python3 orquesta_reference.py --root ROOT SCENARIO.json [TRACE.json]
  /usr/bin/python3 orquesta_reference.py --root ROOT --cases DIR [--out DIR]
      (every <case>/scenario.json listed in DIR/INDEX.json; writes
       <out>/<case>/trace.json, default out = DIR; prints one line per case;
       a case not finished in ORQC_REFERENCE_CASE_SECONDS, default 120, is
       written as not modelled, like an engine exception)

Environment: ORQUESTA_SRC (an Orquesta 1.6.0 source tree with `setup.py
egg_info` run, so its stevedore entry points are registered) and YAQL_SRC
(a yaql 3.2.0 tree). Debian's /usr/bin/python3 packages provide the rest
(networkx, jsonschema, stevedore, jinja2 3.1.2, six, dateutil, ujson).

The StackStorm side (parameter rules, st2 context, st2kv, task(), action
outcomes from the scenario) is modelled here; everything the conductor
decides is Orquesta's own code. With ST2_SRC (and SEMVER_SRC, see
../expr-diff/st2_source_functions.py) StackStorm's pure expression functions
come from StackStorm's source instead of st2_functions.py.
"""

import collections.abc  # noqa: F401  (yaql 3.2.0 uses collections.abc without importing it)
import ast
import copy
import json
import os
import signal
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _need(var):
    path = os.environ.get(var)
    if not path or not os.path.isdir(path):
        sys.stderr.write(
            f"orquesta_reference.py: set {var} to a source tree "
            "(ORQUESTA_SRC: Orquesta 1.6.0 after `setup.py egg_info`; YAQL_SRC: yaql 3.2.0)\n"
        )
        sys.exit(2)
    return path


sys.path.insert(0, _need("YAQL_SRC"))
sys.path.insert(0, _need("ORQUESTA_SRC"))
sys.path.insert(0, os.path.join(HERE, "..", "expr-diff"))

from orquesta.expressions.functions import base as func_base  # noqa: E402

import st2_functions  # noqa: E402

# Orquesta reads its function catalogue once, through stevedore, when the
# evaluators are imported. StackStorm adds its functions through the same
# entry point; here the catalogue is filled before the evaluators load.
_catalog = dict(func_base.load())
_catalog.update(st2_functions.FUNCTIONS)
if os.environ.get("ST2_SRC"):
    # StackStorm's own source for its pure functions (see ../expr-diff/st2_source_functions.py);
    # it registers no to_complex.
    import st2_source_functions  # noqa: E402

    _catalog.update(st2_source_functions.source_functions())
    del _catalog["to_complex"]
func_base._EXP_FUNC_CATALOG = _catalog

from orquesta import conducting, events, statuses  # noqa: E402
from orquesta.specs import loader as spec_loader  # noqa: E402

import st2_params  # noqa: E402

FROZEN = "2000-01-01 00:00:00+00:00"
COMPLETED = set(statuses.COMPLETED_STATUSES)
ACTION_STATUSES = {
    "succeeded": statuses.SUCCEEDED,
    "failed": statuses.FAILED,
    "timeout": statuses.EXPIRED,
    "expired": statuses.EXPIRED,
    "abandoned": statuses.ABANDONED,
    "canceled": statuses.CANCELED,
    "running": statuses.RUNNING,
}
API_URL = "http://127.0.0.1:9101/v1"


class NotModelled(Exception):
    """A run the golden format does not describe (reported like an engine exception)."""


# A case the conductor has not finished in this many seconds is left out: a workflow whose
# loop forks at every pass grows Orquesta's state (and its cost per step) without end.
CASE_SECONDS = int(os.environ.get("ORQC_REFERENCE_CASE_SECONDS", "120"))


TIMED_OUT = False


def _out_of_time(signum, frame):
    # Orquesta turns exceptions raised while it evaluates into a failed workflow, so the
    # case is marked and the alarm keeps firing until the run is out of the conductor.
    global TIMED_OUT
    TIMED_OUT = True
    signal.alarm(1)
    raise NotModelled(f"not finished in {CASE_SECONDS} s")


class Script:
    """Scripted outcomes of one workflow (shared by every run of one ref chain)."""

    def __init__(self, actions, fallback):
        self.actions = actions or {}
        self.fallback = fallback
        self.used = {}

    def next(self, task_id, route, item_id):
        for key in (f"{task_id}__r{route}", task_id):
            if key not in self.actions:
                continue
            entry = self.actions[key]
            if not isinstance(entry, list):
                return entry, key
            used = self.used.setdefault(key, set())
            for i, e in enumerate(entry):
                if i in used:
                    continue
                if e.get("item_id") is not None and e.get("item_id") != item_id:
                    continue
                used.add(i)
                return e, f"{key}[{i}]"
        return self.fallback, "default"


class Run:
    """The state shared by a top-level run and its children."""

    def __init__(self, scenario, root):
        self.root = root
        self.datastore = scenario.get("datastore") or {}
        self.fallback = scenario.get("default") or {"status": "succeeded", "result": None}
        self.scripts = {}
        self.counter = 0
        self.max_executions = scenario.get("max_executions") or 500
        self.active = []  # stack of Recorder (the one whose conductor is evaluating)


RUN = None


def inspection_errors(raw):
    """StackStorm's flattening of Orquesta's inspection result into error entries."""
    names = {"expressions": "expression", "semantics": "semantic"}
    out = []
    for category in sorted(raw):
        for e in raw[category]:
            entry = dict(e)
            if "type" in entry:
                entry["language"] = entry.pop("type")
            entry["type"] = names.get(category, category)
            out.append(entry)
    return out


def no_none_input(value):
    return None if isinstance(value, dict) and not value else value


class Recorder:
    def __init__(self, run, entry, given, parent_ctx, action_ctx, chain, wf_ex_id):
        self.run = run
        self.entry = entry
        self.chain = chain
        self.wf_ex_id = wf_ex_id
        self.parent_ctx = parent_ctx
        self.action_ctx = action_ctx
        self.given = given
        self.records = []  # open task records in request order
        self.open = {}
        self.runs_per_task = {}
        self.queue = []
        script = run.scripts.get(chain)
        if script is None:
            script = run.scripts[chain] = Script(entry.get("actions"), run.fallback)
        self.script = script
        self.trace = {
            "workflow": entry["workflow"],
            "input": None,
            "status": statuses.FAILED,
            "output": None,
            "errors": [],
            "tasks": [],
            "executions": [],
            "sequence": [],
            "routes": [],
            "context": None,
        }

    # -- conductor calls are made with this recorder active (task() and st2kv read it)
    def call(self, fn, *args):
        self.run.active.append(self)
        try:
            return fn(*args)
        finally:
            self.run.active.pop()

    def execute(self):
        trace = self.trace
        inp = self.given
        if self.entry.get("parameters") is not None:
            ok, res = st2_params.apply(
                self.given,
                self.entry["parameters"],
                self.run.datastore,
                self.action_ctx,
                self.entry.get("config") or {},
            )
            if not ok:
                # StackStorm refuses such an execution before it starts; the
                # golden set keeps no such case, so its trace is not modelled.
                raise NotModelled(f"execution refused by parameter validation: {res}")
            inp = res
        trace["input"] = copy.deepcopy(inp)
        with open(os.path.join(self.run.root, self.entry["workflow"])) as f:
            text = f.read()
        spec = spec_loader.get_spec_module("native").instantiate(text)
        raw = spec.inspect(app_ctx=copy.deepcopy(self.parent_ctx) or None, raise_exception=False)
        if raw:
            trace["errors"] = inspection_errors(raw)
            trace["inspection"] = raw
            return trace
        c = self.conductor = conducting.WorkflowConductor(spec, context=self.parent_ctx, inputs=inp)
        if self.call(c.get_workflow_status) != statuses.FAILED:
            self.call(c.request_workflow_status, statuses.RUNNING)
        while True:
            self.round()
            if not self.queue or self.run.counter >= self.run.max_executions:
                break
            wave, self.queue = self.queue, []
            for p in wave:
                self.complete(p)
        return self.finish()

    def round(self):
        c = self.conductor
        tasks = self.call(c.get_next_tasks)
        while tasks:
            self.dispatch(tasks)
            tasks = self.call(c.get_next_tasks)

    def dispatch(self, tasks):
        c = self.conductor
        opened = []
        for task in tasks:
            key = (task["id"], task["route"])
            prior = self.open.get(key)
            entry = c.get_task_state_entry(task["id"], task["route"])
            idx = c._get_task_state_idx(task["id"], task["route"])
            continuing = (
                prior is not None
                and entry is not None
                and prior["seq"] == idx
                and entry.get("status") == statuses.RUNNING
                and not prior["retried"]
            )
            items = "items_count" in task
            if items and task["actions"]:
                for a in task["actions"]:
                    ev = events.TaskItemActionExecutionEvent(a["item_id"], statuses.RUNNING)
                    self.call(c.update_task_state, task["id"], task["route"], ev)
            else:
                ev = events.ActionExecutionEvent(statuses.RUNNING)
                self.call(c.update_task_state, task["id"], task["route"], ev)
            opened.append((task, prior if continuing else self.open_record(task)))
        for task, rec in opened:
            if task.get("items_count") == 0:
                rec["last"] = []
                ev = events.ActionExecutionEvent(statuses.SUCCEEDED, result=[])
                self.call(c.update_task_state, task["id"], task["route"], ev)
                continue
            if "items_count" not in task and not task["actions"][0].get("action"):
                ev = events.ActionExecutionEvent(statuses.SUCCEEDED)
                self.call(c.update_task_state, task["id"], task["route"], ev)
                continue
            for a in task["actions"]:
                inp = no_none_input(a.get("input"))
                action = a.get("action")
                action = action if isinstance(action, str) else str(action)
                item_id = a.get("item_id")
                if item_id is not None:
                    rec["record"]["items"][item_id] = {
                        "item_id": item_id,
                        "action": action,
                        "input": inp,
                        "status": statuses.RUNNING,
                        "result": None,
                    }
                self.run.counter += 1
                self.queue.append(
                    {"rec": rec, "task": task, "action": action, "input": inp, "item_id": item_id,
                     "index": self.run.counter}
                )

    def open_record(self, task):
        c = self.conductor
        seq = c._get_task_state_idx(task["id"], task["route"])
        entry = c.workflow_state.sequence[seq]
        key = (task["id"], task["route"])
        n = self.runs_per_task.get(key, 0) + 1
        self.runs_per_task[key] = n
        first = task["actions"][0] if task["actions"] else None
        items = "items_count" in task
        record = {
            "id": task["id"],
            "route": task["route"],
            "seq": seq,
            "attempt": ((entry.get("retry") or {}).get("tally") or 0) + 1,
            "status": statuses.RUNNING,
            "action": first.get("action") if first else (getattr(task["spec"], "action", None) if items else None),
            "input": None if items or not first else no_none_input(first.get("input")),
            "result": None,
        }
        if "delay" in task:
            record["delay"] = task["delay"]
        if items:
            record["items_count"] = task["items_count"]
            record["concurrency"] = task.get("concurrency")
            record["items"] = [None] * task["items_count"]
        rec = {
            "record": record,
            "seq": seq,
            "item_results": [None] * task.get("items_count", 0),
            "item_statuses": [statuses.UNSET] * task.get("items_count", 0),
            "retried": False,
            "last": None,
            "task_ex_id": f"{self.wf_ex_id}.{task['id']}.{task['route']}.{n}",
        }
        self.records.append(rec)
        self.open[key] = rec
        self.trace["tasks"].append(record)
        return rec

    def complete(self, p):
        c = self.conductor
        rec, task, item_id = p["rec"], p["task"], p["item_id"]
        record = rec["record"]
        action_ex_id = f"{rec['task_ex_id']}.a{0 if item_id is None else item_id}"
        sub = (self.entry.get("subworkflows") or {}).get(p["action"])
        child_trace = None
        if sub is not None:
            status, result, child_trace = self.run_child(p, sub, rec, action_ex_id)
            by = "subworkflow"
        else:
            outcome, by = self.script.next(task["id"], task["route"], item_id)
            status = outcome.get("status") or "succeeded"
            result = outcome.get("result")
        status = ACTION_STATUSES.get(status, status)
        ex = {
            "index": p["index"],
            "task_id": task["id"],
            "route": task["route"],
            "item_id": item_id,
            "attempt": record["attempt"],
            "action": p["action"],
            "input": p["input"],
            "status": status,
            "result": result,
            "scripted_by": by,
        }
        if child_trace is not None:
            ex["subworkflow"] = child_trace
        self.trace["executions"].append(ex)
        if item_id is not None:
            item = record["items"][item_id]
            if item:
                item["status"] = status
                item["result"] = result
            rec["item_statuses"][item_id] = status
            if status == statuses.RUNNING:
                return
            rec["item_results"][item_id] = result
            rec["last"] = rec["item_results"]
            ev = events.TaskItemActionExecutionEvent(
                item_id, status, result=result, accumulated_result=list(rec["item_results"])
            )
        else:
            if status == statuses.RUNNING:
                return
            rec["last"] = result
            ev = events.ActionExecutionEvent(status, result=result)
        self.call(c.update_task_state, task["id"], task["route"], ev)
        entry = c.get_task_state_entry(task["id"], task["route"])
        if entry and entry.get("status") == statuses.RETRYING and entry is c.workflow_state.sequence[rec["seq"]]:
            rec["retried"] = True

    def run_child(self, p, sub, rec, action_ex_id):
        task = p["task"]
        st2 = self.parent_ctx.get("st2") or {}
        user = st2.get("user") if isinstance(st2.get("user"), str) else "stanley"
        pack = p["action"].split(".")[0]
        child_st2 = {
            "action_execution_id": action_ex_id,
            "api_url": API_URL,
            "user": user,
            "pack": pack,
            "action": p["action"],
            "runner": "orquesta",
            "workflow_execution_id": f"{action_ex_id}.wf",
        }
        caller = {"execution_id": st2.get("action_execution_id"), "user": user, "pack": st2.get("pack")}
        orq = {
            "workflow_execution_id": self.wf_ex_id,
            "task_execution_id": rec["task_ex_id"],
            "task_name": task["id"],
            "task_id": task["id"],
            "task_route": task["route"],
        }
        if p["item_id"] is not None:
            orq["item_id"] = p["item_id"]
        parent = {"pack": pack, "user": user, "parent": caller, "orquesta": orq}
        if "api_user" in st2:
            caller["api_user"] = st2["api_user"]
            child_st2["api_user"] = st2["api_user"]
            parent["api_user"] = st2["api_user"]
        given = p["input"] if isinstance(p["input"], dict) else {}
        chain = f"{self.chain}>{p['action']}" if self.chain else p["action"]
        child = Recorder(
            self.run, sub, copy.deepcopy(given), {"st2": child_st2, "parent": parent}, parent, chain,
            f"{action_ex_id}.wf",
        )
        trace = child.execute()
        result = {}
        if trace["status"] != statuses.SUCCEEDED:
            result["errors"] = copy.deepcopy(trace["errors"])
        result["output"] = trace["output"]
        return trace["status"], result, trace

    def finish(self):
        c = self.conductor
        self.call(c.render_workflow_output)
        seqs = c.workflow_state.sequence
        for rec in self.records:
            r = rec["record"]
            r["status"] = statuses.RETRYING if rec["retried"] else seqs[r["seq"]].get("status", statuses.UNSET)
            if "items_count" in r:
                r["result"] = [] if r["items_count"] == 0 else rec["item_results"]
            else:
                r["result"] = rec["last"]
        t = self.trace
        t["status"] = c.get_workflow_status()
        t["output"] = c.get_workflow_output()
        t["errors"] = copy.deepcopy(c.errors)
        t["sequence"] = [
            {"id": e["id"], "route": e["route"], "status": e.get("status", statuses.UNSET), "term": e.get("term") is True}
            for e in seqs
        ]
        t["routes"] = copy.deepcopy(c.workflow_state.routes)
        t["context"] = self.call(c.get_workflow_terminal_context) if t["status"] in COMPLETED else None
        if c.log:
            t["log"] = copy.deepcopy(c.log)
        return t

    # -- StackStorm's task(): the latest record of a task on a route
    def task_record(self, context, task_id, route):
        state = st2_functions.context_get(context, "__state") or {}
        resolved = resolve_route(state, task_id, route)
        found = None
        if resolved is not None:
            for rec in reversed(self.records):
                if rec["record"]["id"] == task_id and rec["record"]["route"] == resolved:
                    found = rec
                    break
        if found is None:
            raise st2_functions.ExpressionEvaluationException(f'Unable to find task execution for "{task_id}".')
        r = found["record"]
        seqs = state.get("sequence") or []
        status = statuses.RETRYING if found["retried"] else seqs[found["seq"]].get("status", statuses.UNSET)
        if "items_count" in r:
            result = {
                "items": [
                    None if s == statuses.UNSET else {"status": s, "result": res}
                    for s, res in zip(found["item_statuses"], found["item_results"])
                ]
            }
        elif not r["action"]:
            result = None
        else:
            result = found["last"]
        return {
            "task_execution_id": found["task_ex_id"],
            "workflow_execution_id": self.wf_ex_id,
            "task_name": task_id,
            "task_id": task_id,
            "route": resolved,
            "result": copy.deepcopy(result),
            "status": status,
            "start_timestamp": FROZEN,
            "end_timestamp": FROZEN if status in COMPLETED else "None",
        }


def resolve_route(state, task_id, route):
    """The route task_status() would read task_id's entry from (None if none)."""
    pointers = state.get("tasks") or {}
    if f"{task_id}__r{route}" in pointers:
        return route
    routes = state.get("routes") or []
    if route > 0 and route < len(routes):
        current = routes[route]
        for idx, prev in enumerate(reversed(routes[:route])):
            if len(set(prev) - set(current)) == 0:
                return resolve_route(state, task_id, route - idx - 1)
    return None


def st2kv_lookup(key):
    store = RUN.datastore if RUN else {}
    return store.get(key, st2_functions.MISSING)


def task_lookup(context, task_id, route):
    if not RUN or not RUN.active:
        raise st2_functions.ExpressionEvaluationException(f'Unable to find task execution for "{task_id}".')
    return RUN.active[-1].task_record(context, task_id, route)


st2_functions.HOOKS["st2kv"] = st2kv_lookup
st2_functions.HOOKS["task"] = task_lookup


def run_scenario(scenario, root):
    global RUN
    RUN = Run(scenario, root)
    parent_ctx = {}
    s = scenario.get("st2")
    if s:
        user = s.get("user") or "stanley"
        st2 = {
            "action_execution_id": "ex0",
            "api_url": API_URL,
            "user": user,
            "pack": s.get("pack"),
            "action": s.get("action"),
            "runner": "orquesta",
            "workflow_execution_id": "ex0.wf",
        }
        parent = {"user": user, "pack": s.get("pack")}
        if "api_user" in s:
            st2["api_user"] = s["api_user"]
            parent["api_user"] = s["api_user"]
        parent_ctx = {"st2": st2, "parent": parent}
    action_ctx = parent_ctx.get("parent", {})
    rec = Recorder(RUN, scenario, copy.deepcopy(scenario.get("input") or {}), parent_ctx, action_ctx, "", "ex0.wf")
    try:
        trace = rec.execute()
    except NotModelled as e:
        trace = {"workflow": scenario["workflow"], "engine_exception": f"not modelled: {e}"}
    except Exception as e:  # an engine exception: StackStorm would leave the run stuck
        trace = {"workflow": scenario["workflow"], "engine_exception": f"{type(e).__name__}: {e}"}
    trace["oracle"] = {"orquesta": "1.6.0", "yaql": "3.2.0", "jinja2": "3.1.2", "mode": "wave"}
    return trace


def to_json(value):
    return json.dumps(value, indent=1, default=_default, ensure_ascii=False)


def _default(o):
    if isinstance(o, (set, frozenset)):
        return sorted(o)
    if isinstance(o, tuple):
        return list(o)
    return str(o)


def main(argv):
    global TIMED_OUT
    root = "."
    if "--root" in argv:
        i = argv.index("--root")
        root = argv[i + 1]
        del argv[i : i + 2]
    if "--cases" in argv:
        i = argv.index("--cases")
        cases_dir = argv[i + 1]
        del argv[i : i + 2]
        out = cases_dir
        if "--out" in argv:
            i = argv.index("--out")
            out = argv[i + 1]
            del argv[i : i + 2]
        only = set(argv[1:])
        index = json.load(open(os.path.join(cases_dir, "INDEX.json")))["cases"]
        for row in index:
            cid = row["case_id"]
            if only and cid not in only:
                continue
            scenario = json.load(open(os.path.join(cases_dir, cid, "scenario.json")))
            TIMED_OUT = False
            signal.signal(signal.SIGALRM, _out_of_time)
            signal.alarm(CASE_SECONDS)
            try:
                trace = run_scenario(scenario, root)
            except NotModelled:
                trace = {}
            finally:
                signal.alarm(0)
            if TIMED_OUT:
                trace = {"workflow": scenario["workflow"], "engine_exception": f"not modelled: not finished in {CASE_SECONDS} s"}
            os.makedirs(os.path.join(out, cid), exist_ok=True)
            with open(os.path.join(out, cid, "trace.json"), "w") as f:
                f.write(to_json(trace))
            print(cid, trace.get("status", "engine_exception"), flush=True)
        return 0
    scenario = json.load(open(argv[1]))
    text = to_json(run_scenario(scenario, root))
    if len(argv) > 2:
        with open(argv[2], "w") as f:
            f.write(text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(list(sys.argv)))
