"""Loads YAML files as Orquesta 1.6.0 loads a workflow's text (its
orquesta.utils.yml.safe_load: PyYAML's C safe loader with a mapping
constructor that refuses duplicate keys and does not expand `<<` merge keys)
and prints every value with its Python type.

Usage: ORQUESTA_SRC=DIR /usr/bin/python3 pyyaml_reference.py FILE... > VALUES.json
Needs PyYAML (Debian's python3-yaml) and Orquesta 1.6.0's sources in ORQUESTA_SRC
(see scripts/orquesta-inspect/inspect_workflows.py).

Output: {path: typed} or {path: {"error": message[, "cause": PyYAML's exception]}}, where typed is
{"t": "map", "v": [[typed key, typed value], ...]}, {"t": "seq", "v": [...]},
or {"t": type, "v": text} for scalars (type: None, bool, int, float, str,
date, datetime, bytes; text: Python's repr of the value).
"""

import json
import os
import sys

if not os.environ.get("ORQUESTA_SRC"):
    sys.exit("set ORQUESTA_SRC to a checkout of StackStorm/orquesta v1.6.0")
sys.path.insert(0, os.environ["ORQUESTA_SRC"])

from orquesta.utils import yml  # noqa: E402


def typed(v):
    if isinstance(v, dict):
        return {"t": "map", "v": [[typed(k), typed(x)] for k, x in v.items()]}
    if isinstance(v, (list, tuple)):
        return {"t": "seq", "v": [typed(x) for x in v]}
    return {"t": type(v).__name__ if v is not None else "None", "v": repr(v)}


def main():
    out = {}
    for path in sys.argv[1:]:
        try:
            with open(path, encoding="utf-8") as f:
                out[path] = typed(yml.safe_load(f.read()))
        except Exception as e:  # noqa: BLE001  (any load failure is the answer)
            out[path] = {"error": f"{type(e).__name__}: {e}"[:300]}
            # Orquesta wraps PyYAML's exception in a ValueError: keep what PyYAML raised too.
            cause = e.__cause__ or e.__context__
            if cause is not None:
                out[path]["cause"] = f"{type(cause).__name__}: {cause}"
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
