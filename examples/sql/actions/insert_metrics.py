"""sql.insert_metrics: one metrics row (from monitoring.merge_metric_dictionaries); returns its id."""
import datetime

from lib.db import COLUMNS, connect, resolve_url
from st2common.runners.base_action import Action


class InsertMetrics(Action):
    def run(self, process_id, metrics, db_url=None):
        allowed = {name for name, _ in COLUMNS["metrics"]}
        ignored = sorted(key for key in metrics if key not in allowed)
        if ignored:
            self.logger.warning("ignoring keys that have no metrics column: %s", ", ".join(ignored))
        row = {key: value for key, value in metrics.items() if key in allowed}
        row["process_id"] = process_id
        row["created_at"] = datetime.datetime.now(datetime.timezone.utc).isoformat()
        if not row.get("host"):
            raise ValueError("metrics.host is required")
        db = connect(resolve_url(db_url, self.config), self.config)
        try:
            (metric_id,) = db.insert("metrics", [row])
        finally:
            db.close()
        return {"metric_id": metric_id, "process_id": process_id, "ignored": ignored}
