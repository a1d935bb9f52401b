// The Python side of the python-script runner, kept here as text so the
// bundled CLI needs no extra files: a host loop (orqc_python_host.py) and a
// small shim of the st2common/st2actions modules real StackStorm actions
// import. pool.ts writes them to a private temp folder once per process.
// Python files, not TypeScript: edit with care (no backticks, no dollar-brace).

export const PYTHON_HOST_MAIN = "orqc_python_host.py";

export const PYTHON_FILES: Readonly<Record<string, string>> = {
  "orqc_python_host.py": String.raw`# orqc python action host: runs StackStorm Python actions, one at a time,
# for as long as it lives. Requests arrive as JSON lines on fd 3, answers and
# datastore calls leave as JSON lines on fd 4; fd 1 and fd 2 are the actions'.
import importlib.util
import io
import json
import logging
import os
import sys
import traceback

REQ = os.fdopen(3, "rb")
RESP = os.fdopen(4, "wb", buffering=0)
_modules = {}
_current = {"id": None}


def _read_line():
    line = REQ.readline()
    return line if line else None


def _send(msg):
    RESP.write(json.dumps(msg, default=str).encode("utf-8") + b"\n")


def call_node(op, **fields):
    """A synchronous round trip to the Node side (datastore access)."""
    _send(dict(fields, id=_current["id"], op=op))
    line = _read_line()
    if line is None:
        raise SystemExit(0)
    reply = json.loads(line)
    if not reply.get("ok"):
        raise RuntimeError(reply.get("error", "datastore call failed"))
    return reply.get("value")


def _load_class(path):
    from st2common.runners.base_action import Action

    mtime = os.stat(path).st_mtime_ns
    cached = _modules.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    folder = os.path.dirname(os.path.abspath(path))
    for extra in (os.path.join(folder, "lib"), folder):
        if extra not in sys.path:
            sys.path.insert(0, extra)
    name = "orqc_action_%d" % (abs(hash(path)),)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    found = [
        obj
        for obj in vars(module).values()
        if isinstance(obj, type) and issubclass(obj, Action) and obj is not Action
    ]
    own = [c for c in found if c.__module__ == name]
    choices = sorted(own or found, key=lambda c: c.__name__)
    if not choices:
        raise Exception('File "%s" has no action class or the file doesn\'t exist.' % (path,))
    _modules[path] = (mtime, choices[0])
    return choices[0]


def _encode_result(value, with_status):
    try:
        json.dumps(value, allow_nan=False)
        return value
    except (TypeError, ValueError):
        return str(value)


def _environ_snapshot():
    # os.environ._data holds the encoded variables: copying and comparing it
    # costs a microsecond, where dict(os.environ) decodes every variable.
    return dict(getattr(os.environ, "_data", None) or os.environ)


def _restore_environ(saved):
    """Puts back the environment of before the action, as a fresh process per action would."""
    if _environ_snapshot() == saved:
        return
    data = getattr(os.environ, "_data", None)
    if data is None:
        os.environ.clear()
        os.environ.update(saved)
        return
    decode = os.environ.decodekey
    for key in [k for k in data if k not in saved]:
        del os.environ[decode(key)]
    for key, value in saved.items():
        if data.get(key) != value:
            os.environ[decode(key)] = os.environ.decodevalue(value)


def _run(req):
    from st2common.runners.base_action import ActionService, configure_logger

    out, err = io.StringIO(), io.StringIO()
    saved = (sys.stdout, sys.stderr)
    saved_env = _environ_snapshot()
    reply = {"id": req["id"], "op": "done", "exit_code": 0, "status": None, "has_result": False}
    try:
        sys.stdout, sys.stderr = out, err
        os.environ.update({k: str(v) for k, v in (req.get("env") or {}).items()})
        cls = _load_class(req["file"])
        service = ActionService(req.get("pack") or "", cls.__name__)
        instance = cls(config=req.get("config") or {}, action_service=service)
        configure_logger(instance, req.get("log_level") or "DEBUG")
        output = instance.run(**(req.get("parameters") or {}))
        if isinstance(output, tuple) and len(output) == 2:
            status, result = output
            if not isinstance(status, bool):
                sys.stderr.write(
                    "Status returned from the action run() method must either be True or False, got: %s\n" % (status,)
                )
                reply["exit_code"] = 220
                reply["invalid_status"] = True
                return reply
            reply["status"] = status
        else:
            result = output
        reply["result"] = _encode_result(result, reply["status"] is not None)
        reply["has_result"] = True
    except SystemExit as e:
        code = e.code
        reply["exit_code"] = code if isinstance(code, int) else (0 if code is None else 1)
        if code is not None and not isinstance(code, int):
            err.write(str(code) + "\n")
    except BaseException:
        traceback.print_exc()
        reply["exit_code"] = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = saved
        _restore_environ(saved_env)
        reply["stdout"] = out.getvalue()
        reply["stderr"] = err.getvalue()
    return reply


def main():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    _send({"op": "ready", "pid": os.getpid()})
    while True:
        line = _read_line()
        if line is None:
            return
        req = json.loads(line)
        _current["id"] = req["id"]
        _send(_run(req))
        _current["id"] = None


if __name__ == "__main__":
    main()
`,
  "st2common/__init__.py": "",
  "st2common/log.py": `import logging


def getLogger(name):
    return logging.getLogger(name)
`,
  "st2common/runners/__init__.py": "",
  "st2common/runners/base_action.py": String.raw`# orqc's stand-in for st2common.runners.base_action: the Action base class
# StackStorm Python actions subclass, with config, logger and action_service.
import abc
import logging
import sys

SYSTEM_SCOPE = "system"
DATASTORE_KEY_SEPARATOR = ":"


class _CurrentStderr(logging.Handler):
    def emit(self, record):
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


def configure_logger(instance, level):
    logger = logging.getLogger("actions.python.%s" % (type(instance).__name__,))
    if not any(isinstance(h, _CurrentStderr) for h in logger.handlers):
        handler = _CurrentStderr()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [-] %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(getattr(logging, str(level).upper(), logging.DEBUG) if str(level).upper() != "AUDIT" else 5)
    instance.logger = logger


class KeyValuePair(object):
    def __init__(self, name, value, secret=False, scope=SYSTEM_SCOPE, expire_timestamp=None):
        self.id = name
        self.name = name
        self.value = value
        self.secret = secret
        self.scope = scope
        self.expire_timestamp = expire_timestamp

    def __repr__(self):
        return "<KeyValuePair name=%s,value=%s>" % (self.name, self.value)


class ActionService(object):
    """Datastore access for actions, as st2's ActionService / DatastoreService."""

    def __init__(self, pack_name, class_name):
        self._pack_name = pack_name
        self._class_name = class_name

    def _full_name(self, name, local):
        if local:
            return "%s.%s%s%s" % (self._pack_name, self._class_name, DATASTORE_KEY_SEPARATOR, name)
        return name

    def _prefix(self, local, prefix):
        if local:
            base = "%s.%s%s" % (self._pack_name, self._class_name, DATASTORE_KEY_SEPARATOR)
            return base + (prefix or "")
        return prefix

    @staticmethod
    def _check_scope(scope):
        if scope != SYSTEM_SCOPE:
            raise ValueError("Scope %s is unsupported." % scope)

    def get_value(self, name, local=True, scope=SYSTEM_SCOPE, decrypt=False):
        self._check_scope(scope)
        from __main__ import call_node

        return call_node("kv", verb="get", name=self._full_name(name, local), decrypt=bool(decrypt))

    def set_value(self, name, value, ttl=None, local=True, scope=SYSTEM_SCOPE, encrypt=False):
        self._check_scope(scope)
        from __main__ import call_node

        call_node(
            "kv", verb="set", name=self._full_name(name, local), value=str(value), ttl=ttl, secret=bool(encrypt)
        )
        return True

    def delete_value(self, name, local=True, scope=SYSTEM_SCOPE):
        self._check_scope(scope)
        from __main__ import call_node

        return bool(call_node("kv", verb="delete", name=self._full_name(name, local)))

    def list_values(self, local=True, prefix=None, limit=None, offset=0):
        from __main__ import call_node

        items = call_node("kv", verb="list", prefix=self._prefix(local, prefix) or "")
        items = items[offset:]
        if limit:
            items = items[:limit]
        return [KeyValuePair(i["name"], i["value"], i.get("secret", False)) for i in items]


class Action(object):
    """Base class for StackStorm Python actions: subclass it and implement run()."""

    __metaclass__ = abc.ABCMeta

    def __init__(self, config=None, action_service=None):
        self.config = config or {}
        self.action_service = action_service
        self.logger = logging.getLogger("actions.python.%s" % (type(self).__name__,))

    @abc.abstractmethod
    def run(self, **kwargs):
        raise NotImplementedError()
`,
  "st2actions/__init__.py": "",
  "st2actions/runners/__init__.py": "",
  "st2actions/runners/pythonrunner.py": `from st2common.runners.base_action import Action  # noqa: F401  (the pre-2.0 import path)
`,
};
