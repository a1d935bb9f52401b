"""monitoring.get_timestamps: normalise the run's start/end timestamps for SQL.

Accepts the timestamp strings StackStorm's task records carry ("2026-11-27 10:00:00.123+00:00"),
ISO 8601 with "Z", or epoch seconds; anything unparsable (or missing) becomes "now".
"""
import datetime

from st2common.runners.base_action import Action


def _parse(value, now):
    if value is None or value == "" or value == "None":
        return now
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
    text = str(value).strip().replace("Z", "+00:00")
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        return now
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.timezone.utc)


class GetTimestamps(Action):
    def run(self, start_timestamp=None, end_timestamp=None):
        now = datetime.datetime.now(datetime.timezone.utc)
        start = _parse(start_timestamp, now)
        end = _parse(end_timestamp, now)
        if end < start:
            self.logger.warning("end timestamp %s is before start %s; using start", end, start)
            end = start
        return {
            "start": start.astimezone(datetime.timezone.utc).isoformat(),
            "end": end.astimezone(datetime.timezone.utc).isoformat(),
            "duration_s": round((end - start).total_seconds(), 3),
        }
