"""itsm.itsm_processing_incs_var: the datastore list of incidents being processed.

The list is a JSON array kept in one system-scope key (pack config processing_key).
The read-modify-write is not atomic, as with any StackStorm datastore key: parallel
runs may lose an update (the example only ever removes its own incident at the end).
"""
import json

from st2common.runners.base_action import Action


class ItsmProcessingIncsVar(Action):
    def run(self, operation, incident_id=None):
        key = (self.config or {}).get("processing_key") or "itsm_processing_incs"
        raw = self.action_service.get_value(key, local=False)
        incidents = json.loads(raw) if raw else []
        if operation in ("add", "remove") and not incident_id:
            raise ValueError("operation %s needs an incident_id" % operation)
        if operation == "add" and incident_id not in incidents:
            incidents.append(incident_id)
        elif operation == "remove":
            incidents = [item for item in incidents if item != incident_id]
        elif operation not in ("add", "list"):
            raise ValueError("unknown operation %r (expected add, remove or list)" % operation)
        if operation != "list":
            self.action_service.set_value(key, json.dumps(incidents), local=False)
        return {"key": key, "incidents": incidents, "count": len(incidents)}
