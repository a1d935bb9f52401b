"""Test-only st2common.runners.base_action: the Action base class and a file-backed datastore.

Mirrors the StackStorm surface the example actions use: Action(config), self.config,
self.logger, self.action_service.get_value/set_value/delete_value/list_values.
"""
import fcntl
import json
import logging
import os


class FileDatastore:
    """system-scope keys in a JSON file; local=True keys get the '<pack>.<Class>:' prefix like st2."""

    def __init__(self, path, prefix):
        self.path = path
        self.prefix = prefix

    def _key(self, name, local):
        return self.prefix + name if local else name

    def _update(self, change):
        with open(self.path, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            handle.seek(0)
            text = handle.read()
            data = json.loads(text) if text.strip() else {}
            result = change(data)
            handle.seek(0)
            handle.truncate()
            json.dump(data, handle)
            return result

    def get_value(self, name, local=True, scope="system", decrypt=False):
        return self._update(lambda data: data.get(self._key(name, local)))

    def set_value(self, name, value, ttl=None, local=True, scope="system", encrypt=False):
        if not isinstance(value, str):
            raise ValueError("datastore values must be strings")
        self._update(lambda data: data.__setitem__(self._key(name, local), value))
        return True

    def delete_value(self, name, local=True, scope="system"):
        return self._update(lambda data: data.pop(self._key(name, local), None) is not None)

    def list_values(self, local=True, prefix=None, scope="system", decrypt=False):
        start = (self.prefix if local else "") + (prefix or "")
        return self._update(lambda data: {k: v for k, v in data.items() if k.startswith(start)})


class Action:
    def __init__(self, config=None, action_service=None):
        self.config = config or {}
        self.action_service = action_service
        self.logger = logging.getLogger("actions." + type(self).__name__)

    def run(self, **kwargs):
        raise NotImplementedError()
