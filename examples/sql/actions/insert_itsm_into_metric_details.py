"""sql.insert_itsm_into_metric_details: the itsm dictionary as metric_details rows."""
from lib.details import insert_details
from st2common.runners.base_action import Action


class InsertItsmIntoMetricDetails(Action):
    def run(self, process_id, metric_id, details=None, db_url=None):
        return insert_details(self, "itsm", process_id, metric_id, details, db_url)
