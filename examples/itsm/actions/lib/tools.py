"""The two ITSM tool APIs the example talks to, as plain request plans.

servicenow: Table API, one PATCH per operation on /api/now/table/incident/<number>.
jira: REST v2, comments and workflow transitions on /rest/api/2/issue/<key>, then a GET
of the issue to learn its status. States are normalised to new / in_progress / resolved.
"""
import base64

OPERATIONS = ("begin", "update", "close")

SERVICENOW_STATES = {"1": "new", "2": "in_progress", "6": "resolved", "7": "closed"}
JIRA_STATES = {"To Do": "new", "In Progress": "in_progress", "Done": "resolved"}
JIRA_TRANSITIONS = {"begin": "21", "close": "31"}


def plan(tool, incident_id, operation, work_notes):
    """List of (method, path, json body or None) for one operation."""
    if operation not in OPERATIONS:
        raise ValueError("unknown operation %r (expected one of %s)" % (operation, ", ".join(OPERATIONS)))
    if tool == "servicenow":
        body = {"work_notes": work_notes}
        if operation == "begin":
            body = {"state": "2", "assigned_to": "automation", "work_notes": work_notes}
        elif operation == "close":
            body = {"state": "6", "close_code": "Solved (Permanently)", "close_notes": work_notes}
        return [("PATCH", "/api/now/table/incident/%s" % incident_id, body)]
    if tool == "jira":
        issue = "/rest/api/2/issue/%s" % incident_id
        requests = [("POST", issue + "/comment", {"body": work_notes})]
        if operation == "begin":
            requests.insert(0, ("POST", issue + "/transitions", {"transition": {"id": JIRA_TRANSITIONS["begin"]}}))
        elif operation == "close":
            transition = {"transition": {"id": JIRA_TRANSITIONS["close"]}, "fields": {"resolution": {"name": "Done"}}}
            requests.append(("POST", issue + "/transitions", transition))
        requests.append(("GET", issue + "?fields=status", None))
        return requests
    raise ValueError("unknown ITSM tool %r (expected servicenow or jira)" % tool)


def state_from(tool, last_response):
    """Normalised incident state from the last response of a plan."""
    if tool == "servicenow":
        raw = ((last_response or {}).get("result") or {}).get("state")
        return SERVICENOW_STATES.get(str(raw), "unknown")
    status = (((last_response or {}).get("fields") or {}).get("status") or {}).get("name")
    return JIRA_STATES.get(status, "unknown")


def auth_header(tool, credentials):
    secret = credentials.get("password") if tool == "servicenow" else credentials.get("api_token")
    token = "%s:%s" % (credentials.get("username", ""), secret or "")
    return "Basic " + base64.b64encode(token.encode("utf-8")).decode("ascii")
