"""StackStorm's expression functions taken from StackStorm's own source, for
orquesta_evaluate.py: the pure ones (data, regex, time, version, path) are
imported from a StackStorm checkout, as the orquesta runner registers them
(contrib/runners/orquesta_runner/setup.py); st2kv, which needs StackStorm's
database, reads the case's `datastore` with the semantics of
golden/expressions/README.md.

Environment:
  ST2_SRC      a StackStorm checkout (st2common/ and contrib/runners/ are read)
  SEMVER_SRC   python-semver 3.0.4's src/ folder (StackStorm pins semver==3.0.4)
  ST2_PYLIB    optional extra import path, for orjson (StackStorm's JSON parser)

Debian's python3-jsonpath-rw (1.4.0, StackStorm's pin) and python3-yaml
(with libyaml, as StackStorm's packages) provide the rest. Only the package
modules these functions import are loaded: mongoengine is replaced by the two
class names st2common.util.db tests against.
"""

import importlib.util
import os
import sys
import types

CASE = {}

# name in Orquesta's catalogue -> (st2common.expressions.functions module, function)
REGISTERED = {
    "basename": ("path", "basename"),
    "dirname": ("path", "dirname"),
    "from_json_string": ("data", "from_json_string"),
    "from_yaml_string": ("data", "from_yaml_string"),
    "json_dump": ("data", "to_json_string"),
    "json_parse": ("data", "from_json_string"),
    "json_escape": ("data", "json_escape"),
    "jsonpath_query": ("data", "jsonpath_query"),
    "regex_match": ("regex", "regex_match"),
    "regex_replace": ("regex", "regex_replace"),
    "regex_search": ("regex", "regex_search"),
    "regex_substring": ("regex", "regex_substring"),
    "to_human_time_from_seconds": ("time", "to_human_time_from_seconds"),
    "to_json_string": ("data", "to_json_string"),
    "to_yaml_string": ("data", "to_yaml_string"),
    "use_none": ("data", "use_none"),
    "version_compare": ("version", "version_compare"),
    "version_more_than": ("version", "version_more_than"),
    "version_less_than": ("version", "version_less_than"),
    "version_equal": ("version", "version_equal"),
    "version_match": ("version", "version_match"),
    "version_bump_major": ("version", "version_bump_major"),
    "version_bump_minor": ("version", "version_bump_minor"),
    "version_bump_patch": ("version", "version_bump_patch"),
    "version_strip_patch": ("version", "version_strip_patch"),
    "yaml_dump": ("data", "to_yaml_string"),
    "yaml_parse": ("data", "from_yaml_string"),
}


def _package(name, path=None):
    module = types.ModuleType(name)
    module.__path__ = [path] if path else []
    sys.modules[name] = module
    return module


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _stub_mongoengine():
    class BaseDict(dict):
        pass

    class BaseList(list):
        pass

    datastructures = types.SimpleNamespace(BaseDict=BaseDict, BaseList=BaseList)
    mongoengine = _package("mongoengine")
    mongoengine.base = types.SimpleNamespace(datastructures=datastructures)


def source_functions():
    """The pure functions, by their registered names, from StackStorm's source."""
    st2 = os.environ["ST2_SRC"]
    sys.path.insert(0, os.environ["SEMVER_SRC"])
    if os.environ.get("ST2_PYLIB"):
        sys.path.insert(0, os.environ["ST2_PYLIB"])
    common = os.path.join(st2, "st2common", "st2common")
    _stub_mongoengine()
    _package("st2common", common)
    _package("st2common.util", os.path.join(common, "util"))
    _package("st2common.constants", os.path.join(common, "constants"))
    _package("st2common.expressions", os.path.join(common, "expressions"))
    _package("st2common.expressions.functions", os.path.join(common, "expressions", "functions"))
    _load("st2common.util.db", os.path.join(common, "util", "db.py"))
    _load("st2common.constants.meta", os.path.join(common, "constants", "meta.py"))
    modules = {}
    for module, _ in REGISTERED.values():
        if module not in modules:
            path = os.path.join(common, "expressions", "functions", module + ".py")
            modules[module] = _load("st2common.expressions.functions." + module, path)
    return {name: getattr(modules[m], f) for name, (m, f) in REGISTERED.items()}


MISSING = object()


def make_st2kv(lookup):
    """orquesta_runner's st2kv over `lookup(key)` (a value, or MISSING) instead of StackStorm's database."""
    from orquesta import exceptions as orq_exc

    def st2kv_(context, key, **kwargs):
        if not isinstance(key, str):
            raise TypeError("Given key is not typeof string.")
        decrypt = kwargs.get("decrypt", False)
        if not isinstance(decrypt, bool):
            raise TypeError("Decrypt parameter is not typeof bool.")
        try:
            context["__vars"]["st2"]["user"]
        except (KeyError, TypeError):
            raise KeyError("Could not get user from context.")
        value = lookup(key)
        if value is not MISSING:
            return value
        if "default" in kwargs:
            return kwargs["default"]
        scope, name = ("system", key[len("system."):]) if key.startswith("system.") else ("user", key)
        raise orq_exc.ExpressionEvaluationException(
            'The key "%s" does not exist in the StackStorm datastore (scope: %s).' % (name, scope)
        )

    # StackStorm's st2kv_ is a module-level function: Python 3.10+ names it by
    # its qualified name in argument errors ("st2kv_() takes 2 positional...").
    st2kv_.__qualname__ = "st2kv_"
    return st2kv_


def install():
    """Adds StackStorm's functions to Orquesta's catalogue before its evaluators are imported."""
    from orquesta.expressions.functions import base as func_base

    catalogue = dict(func_base.load())
    catalogue.update(source_functions())
    catalogue["st2kv"] = make_st2kv(lambda key: (CASE.get("datastore") or {}).get(key, MISSING))
    func_base._EXP_FUNC_CATALOG = catalogue
