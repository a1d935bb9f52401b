"""Runs the real Orquesta engine's inspection on workflow files.

Usage: ORQUESTA_SRC=DIR /usr/bin/python3 inspect_workflows.py [--raw] FILE... > VERDICTS.json

ORQUESTA_SRC is a checkout of StackStorm/orquesta at tag v1.6.0 on which
`python3 setup.py egg_info` has been run (so that its expression and function
plugins are registered). It needs Debian's python3-yaql, python3-jinja2,
python3-networkx, python3-jsonschema, python3-stevedore, python3-six,
python3-dateutil and python3-ujson. YAQL_SRC may point at yaql 3.2.0's
sources (the version the golden files were recorded with).

Output: {path: {"errors": {category: [message, ...]}}} for every file that is
an Orquesta workflow (version 1.0), or {"load": why} when the file is not
YAML. With --raw, each category holds Orquesta's entries as they are
(message, spec_path, schema_path, expression, type). Inspection is given the `st2` and `parent` context names, as
StackStorm's orquesta runner gives them.
"""

import collections.abc  # noqa: F401  (yaql 3.2.0 uses collections.abc without importing it)
import json
import os
import sys

for var in ("YAQL_SRC", "ORQUESTA_SRC"):
    if os.environ.get(var):
        sys.path.insert(0, os.environ[var])
if not os.environ.get("ORQUESTA_SRC"):
    sys.exit("set ORQUESTA_SRC to a checkout of StackStorm/orquesta v1.6.0 (see this file's docstring)")

from orquesta.specs import native as native_specs  # noqa: E402
from orquesta.utils import yml  # noqa: E402


def is_workflow(doc):
    return isinstance(doc, dict) and str(doc.get("version")) in ("1.0", "1")


def verdict(path, raw):
    # Orquesta's own loader, as StackStorm's runner hands it the file's text: PyYAML's C
    # loader (libyaml) where installed, which takes some tabs the pure-Python one refuses,
    # and duplicate keys refused.
    try:
        with open(path, encoding="utf-8") as f:
            doc = yml.safe_load(f.read())
    except Exception as e:  # noqa: BLE001  (any load failure is the verdict)
        return {"load": str(e)[:300]}
    # --raw (the fuzzer) inspects whatever it is given, as StackStorm would a workflow action's file.
    if not raw and not is_workflow(doc):
        return None
    try:
        spec = native_specs.WorkflowSpec(doc)
        errors = spec.inspect(app_ctx={"st2": {}, "parent": {}})
    except Exception as e:  # noqa: BLE001
        return {"errors": {"exception": [f"{type(e).__name__}: {e}"[:300]]}}
    if raw:
        return {"errors": {k: [{f: x[f] for f in sorted(x)} for x in v] for k, v in errors.items()}}
    return {"errors": {k: [str(x.get("message", ""))[:300] for x in v] for k, v in errors.items()}}


def main():
    out = {}
    raw = "--raw" in sys.argv[1:]
    for path in (a for a in sys.argv[1:] if a != "--raw"):
        v = verdict(path, raw)
        if v is not None:
            out[path] = v
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
