"""sql.insert_uptime_into_metric_details: the uptime dictionary as metric_details rows."""
from lib.details import insert_details
from st2common.runners.base_action import Action


class InsertUptimeIntoMetricDetails(Action):
    def run(self, process_id, metric_id, details=None, db_url=None):
        return insert_details(self, "uptime", process_id, metric_id, details, db_url)
