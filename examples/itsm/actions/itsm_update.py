"""itsm.itsm_update: begin / update / close an incident in the customer's ITSM tool."""
import json
import urllib.error
import urllib.request

from lib.tools import auth_header, plan, state_from
from st2common.runners.base_action import Action


class ItsmUpdate(Action):
    def run(self, connection, incident_id, operation, work_notes=""):
        tool = connection["tool"]
        credentials = ((self.config or {}).get("tools") or {}).get(tool) or {}
        headers = {
            "Accept": "application/json",
            "Content-Type": "application/json",
            "Authorization": auth_header(tool, credentials),
        }
        last = None
        requests = plan(tool, incident_id, operation, work_notes or "")
        for method, path, body in requests:
            last = self._call(connection, method, path, body, headers)
        state = state_from(tool, last)
        self.logger.info("%s %s %s -> %s", tool, operation, incident_id, state)
        return {"tool": tool, "incident_id": incident_id, "operation": operation, "state": state, "calls": len(requests)}

    def _call(self, connection, method, path, body, headers):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(connection["base_url"] + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=connection.get("timeout", 10)) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace")
            raise RuntimeError("%s %s failed: HTTP %d %s" % (method, path, err.code, detail)) from None
        return json.loads(text) if text.strip() else None
