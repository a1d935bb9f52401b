"""monitoring.merge_metric_dictionaries: one flat row for the metrics table.

The host check collects its measurements in four dictionaries (ping, threshold,
uptime, itsm); this merges them, with the timestamps, into the column set that
sql.insert_metrics writes.
"""
from st2common.runners.base_action import Action


def _number(value):
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class MergeMetricDictionaries(Action):
    def run(self, host, timestamps, ping=None, threshold=None, uptime=None, itsm=None):
        ping = ping or {}
        threshold = threshold or {}
        uptime = uptime or {}
        itsm = itsm or {}
        breached = threshold.get("breached")
        return {
            "host": host,
            "start_ts": timestamps.get("start"),
            "end_ts": timestamps.get("end"),
            "duration_s": _number(timestamps.get("duration_s")),
            "ping_ok": None if ping.get("reachable") is None else int(bool(ping.get("reachable"))),
            "packet_loss": _number(threshold.get("final_value", ping.get("packet_loss"))),
            "rtt_avg_ms": _number(ping.get("rtt_avg_ms")),
            "threshold_breached": None if breached is None else int(bool(breached)),
            "uptime_s": _number(uptime.get("uptime_s")),
            "uptime_status": uptime.get("status"),
            "itsm_tool": itsm.get("tool"),
            "itsm_state": itsm.get("state"),
        }
