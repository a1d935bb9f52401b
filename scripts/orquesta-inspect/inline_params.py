"""Orquesta 1.6.0's own parse_inline_params on a JSON list of strings.

Usage: ORQUESTA_SRC=DIR /usr/bin/python3 inline_params.py STRINGS.json > PARSED.json
Output: one entry per string: {"ok": [[key, value], ...]} or {"error": why}.
"""

import collections.abc  # noqa: F401  (yaql 3.2.0 uses collections.abc without importing it)
import json
import os
import sys

for var in ("YAQL_SRC", "ORQUESTA_SRC"):
    if os.environ.get(var):
        sys.path.insert(0, os.environ[var])
if not os.environ.get("ORQUESTA_SRC"):
    sys.exit("set ORQUESTA_SRC to a checkout of StackStorm/orquesta v1.6.0")

from orquesta.utils import parameters  # noqa: E402


def parse(text):
    try:
        pairs = [next(iter(d.items())) for d in parameters.parse_inline_params(text)]
        return {"ok": [[k, v] for k, v in pairs]}
    except Exception as e:  # noqa: BLE001  (any failure is the answer)
        return {"error": f"{type(e).__name__}: {e}"}


with open(sys.argv[1], encoding="utf-8") as f:
    json.dump([parse(s) for s in json.load(f)], sys.stdout)
