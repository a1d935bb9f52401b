"""sql.insert_am_process_data: one am_process row per automation run; returns its id."""
import datetime

from lib.db import connect, resolve_url
from st2common.runners.base_action import Action


class InsertAmProcessData(Action):
    def run(self, incident_id, host, customer=None, workflow=None, status=None, db_url=None):
        row = {
            "incident_id": incident_id,
            "host": host,
            "customer": customer,
            "workflow": workflow,
            "status": status,
            "created_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        }
        db = connect(resolve_url(db_url, self.config), self.config)
        try:
            (process_id,) = db.insert("am_process", [row])
        finally:
            db.close()
        return {"process_id": process_id, "dialect": db.dialect}
