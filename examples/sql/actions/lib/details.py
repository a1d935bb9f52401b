"""Shared body of the four insert_*_into_metric_details actions.

A measurement dictionary becomes one metric_details row per leaf: nested keys are
joined with dots, non-string values are stored as JSON text, null stays NULL.
"""
import datetime
import json

from lib.db import connect, resolve_url


def flatten(details, prefix=""):
    rows = []
    for key in sorted(details or {}):
        value = details[key]
        name = "%s%s" % (prefix, key)
        if isinstance(value, dict) and value:
            rows.extend(flatten(value, name + "."))
        else:
            rows.append((name, value if value is None or isinstance(value, str) else json.dumps(value)))
    return rows


def insert_details(action, category, process_id, metric_id, details, db_url=None):
    now = datetime.datetime.now(datetime.timezone.utc).isoformat()
    rows = [
        {
            "metric_id": metric_id,
            "process_id": process_id,
            "category": category,
            "name": name,
            "value": value,
            "created_at": now,
        }
        for name, value in flatten(details)
    ]
    db = connect(resolve_url(db_url, action.config), action.config)
    try:
        ids = db.insert("metric_details", rows)
    finally:
        db.close()
    action.logger.info("inserted %d %s details for metric %s", len(ids), category, metric_id)
    return {"category": category, "inserted": len(ids), "ids": ids}
