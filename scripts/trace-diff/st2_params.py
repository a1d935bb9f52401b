"""StackStorm's rules for a workflow action's input (shared/golden/README.md,
"Workflow input from parameters"): unknown/immutable names refused, every
declared parameter filled, `{{ }}`/`{% %}` strings rendered with parameter
Jinja (other parameters, st2kv.system/user, action_context, config_context),
values cast by type, required parameters enforced, `notify` dropped.
"""

import ast
import json

import jinja2
from jinja2 import meta


class KV:
    """`st2kv.system.a.b`: a path into the datastore; a missing key renders as ""."""

    def __init__(self, store, scope, prefix=""):
        self._store = store
        self._scope = scope
        self._prefix = prefix

    def _key(self):
        return f"system.{self._prefix}" if self._scope == "system" else self._prefix

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return KV(self._store, self._scope, f"{self._prefix}.{name}" if self._prefix else name)

    def __getitem__(self, name):
        return self.__getattr__(str(name))

    def __int__(self):
        return int(str(self))

    def __float__(self):
        return float(str(self))

    def __str__(self):
        v = self._store.get(self._key(), "")
        return v if isinstance(v, str) else str(v)


def _env():
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["decrypt_kv"] = lambda v: str(v)
    env.filters["json_escape"] = lambda v: json.dumps(v).strip('"')
    env.filters["to_json_string"] = lambda v: json.dumps(v)
    return env


ENV = _env()


def is_template(v):
    return isinstance(v, str) and ("{{" in v or "{%" in v)


TRUE = {"true", "1", "yes", "y", "on"}
FALSE = {"false", "0", "no", "n", "off", ""}


def cast(value, ptype):
    if value is None or not ptype:
        return value
    if ptype == "string":
        if not isinstance(value, str):
            raise ValueError(f'Value "{value}" must either be a string or None. Got "{type(value).__name__}".')
        return value
    if ptype == "integer":
        if isinstance(value, str):
            return int(float(value)) if "." in value else int(value)
        return int(value)
    if ptype == "number":
        return float(value)
    if ptype == "boolean":
        if isinstance(value, str):
            t = value.strip().lower()
            if t in TRUE:
                return True
            if t in FALSE:
                return False
        return value
    if ptype in ("array", "object"):
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return ast.literal_eval(value)
        return value
    return value


def apply(given, params, datastore, action_ctx, config):
    """(True, input) or (False, message)."""
    specs = {k: (v if isinstance(v, dict) else {}) for k, v in params.items()}
    unknown = [k for k in given if k not in specs]
    if unknown:
        return False, f"Unknown parameter(s): {', '.join(unknown)}"
    immutable = [k for k in given if specs[k].get("immutable") and given[k] is not None]
    if immutable:
        return False, f"Override of immutable parameter(s) {', '.join(immutable)} is unsupported."
    raw = {}
    for name, spec in specs.items():
        v = given.get(name)
        raw[name] = spec.get("default") if v is None else v
    done = {k: v for k, v in raw.items() if not is_template(v)}
    pending = [k for k, v in raw.items() if is_template(v)]
    base = {
        "st2kv": {"system": KV(datastore, "system"), "user": KV(datastore, "user")},
        "action_context": action_ctx,
        "config_context": config,
    }
    while pending:
        progress = False
        for name in list(pending):
            deps = meta.find_undeclared_variables(ENV.parse(raw[name])) & set(pending)
            deps.discard(name)
            if deps:
                continue
            try:
                done[name] = ENV.from_string(raw[name]).render({**done, **base})
            except Exception as e:  # noqa: BLE001
                return False, f"{type(e).__name__}: {e}"
            pending.remove(name)
            progress = True
        if not progress:
            return False, f"Dependency cycle in parameters: {', '.join(pending)}"
    out = {}
    for name, spec in specs.items():
        if name == "notify":
            continue
        try:
            value = cast(done.get(name), spec.get("type"))
        except Exception as e:  # noqa: BLE001
            return False, str(e)
        if spec.get("required") and value is None:
            return False, f"'{name}' is a required property"
        out[name] = value
    return True, out
