"""Composes YAML files with PyYAML's C loader (libyaml), as StackStorm reads
YAML text, and prints what it raised: {path: {"type": ..., "message": str(e)}}
or {path: null} when the text composes (construction is not run).

Usage: /usr/bin/python3 pyyaml_compose.py FILE... > ERRORS.json
"""

import json
import sys

import yaml


def main():
    out = {}
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        try:
            yaml.compose(text, Loader=yaml.CSafeLoader)
            out[path] = None
        except yaml.YAMLError as e:
            out[path] = {"type": type(e).__name__, "message": str(e)}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
