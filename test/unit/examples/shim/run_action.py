#!/usr/bin/env python3
"""Run one StackStorm Python action file with the test shim, like the python-script runner.

usage: run_action.py ACTION_FILE [--params JSON] [--config JSON] [--datastore FILE] [--pack NAME]
Prints {"status": "succeeded"|"failed", "result": ..., "error": ...} as the last stdout
line; exit 0 when the action succeeded. Logging goes to stderr.
"""
import argparse
import importlib.util
import inspect
import json
import logging
import os
import sys
import traceback

SHIM = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep examples/ free of __pycache__


def load_action_class(path):
    sys.path.insert(0, SHIM)
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))  # st2 puts the action's dir on sys.path
    from st2common.runners.base_action import Action

    name = "action_" + os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # Like st2's loader: the Action subclass defined in this very module.
    classes = [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, Action) and cls is not Action and cls.__module__ == module.__name__
    ]
    if len(classes) != 1:
        raise RuntimeError("expected one Action subclass in %s, found %d" % (path, len(classes)))
    return classes[0], Action


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("action_file")
    parser.add_argument("--params", default="{}")
    parser.add_argument("--config", default="{}")
    parser.add_argument("--datastore", default=None)
    parser.add_argument("--pack", default="examples")
    args = parser.parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO)

    try:
        cls, _ = load_action_class(args.action_file)
        from st2common.runners.base_action import FileDatastore

        service = FileDatastore(args.datastore, "%s.%s:" % (args.pack, cls.__name__)) if args.datastore else None
        action = cls(config=json.loads(args.config), action_service=service)
        value = action.run(**json.loads(args.params))
        status = "succeeded"
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], bool):
            status, value = ("succeeded" if value[0] else "failed"), value[1]
        print(json.dumps({"status": status, "result": value}))
        return 0 if status == "succeeded" else 1
    except Exception as err:  # noqa: BLE001 - report like the runner does
        print(json.dumps({"status": "failed", "result": None, "error": "%s: %s" % (type(err).__name__, err),
                          "traceback": traceback.format_exc()}))
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
