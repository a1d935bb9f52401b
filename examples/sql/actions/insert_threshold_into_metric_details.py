"""sql.insert_threshold_into_metric_details: the threshold dictionary as metric_details rows."""
from lib.details import insert_details
from st2common.runners.base_action import Action


class InsertThresholdIntoMetricDetails(Action):
    def run(self, process_id, metric_id, details=None, db_url=None):
        return insert_details(self, "threshold", process_id, metric_id, details, db_url)
