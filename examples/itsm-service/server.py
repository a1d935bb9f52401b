#!/usr/bin/env python3
"""Local ITSM service for the monitoring example (Python stdlib only).

Serves two tool APIs under one port and records every call to them:
  /servicenow/api/now/table/incident/<number>   GET, PATCH  (ServiceNow-like Table API)
  /jira/rest/api/2/issue/<key>                  GET         (Jira-like REST v2)
  /jira/rest/api/2/issue/<key>/comment          POST
  /jira/rest/api/2/issue/<key>/transitions      POST        (21 = In Progress, 31 = Done)
Control endpoints (not recorded):
  GET /calls       every recorded call, oldest first (JSON list)
  DELETE /calls    forget calls and incident states
  GET /incidents   current state of every incident seen, per tool
  GET /health

Usage: server.py [PORT] [--latency-ms N]; PORT defaults to $ITSM_SERVICE_PORT or 8099,
0 picks a free port. The first stdout line is "listening on http://127.0.0.1:<port>".
"""
import argparse
import base64
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SNOW_PATH = re.compile(r"^/servicenow/api/now/table/incident/([^/]+)$")
JIRA_PATH = re.compile(r"^/jira/rest/api/2/issue/([^/]+)(/comment|/transitions)?$")
SNOW_STATES = {"1", "2", "3", "6", "7"}
JIRA_TRANSITIONS = {"11": "To Do", "21": "In Progress", "31": "Done"}


class Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.calls = []
        self.incidents = {"servicenow": {}, "jira": {}}
        self.comments = 0

    def record(self, call):
        with self.lock:
            call["seq"] = len(self.calls) + 1
            self.calls.append(call)


STORE = Store()


class Handler(BaseHTTPRequestHandler):
    server_version = "orqc-itsm/0.1"
    latency_s = 0.0

    def log_message(self, fmt, *args):  # quiet: the calls are recorded instead
        pass

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PATCH(self):
        self._dispatch("PATCH")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def _dispatch(self, method):
        url = urlsplit(self.path)
        if url.path in ("/calls", "/incidents", "/health"):
            return self._control(method, url.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        call = {
            "time": time.time(),
            "method": method,
            "path": url.path,
            "query": {key: values[-1] for key, values in parse_qs(url.query).items()},
            "tool": url.path.split("/")[1] if url.path.count("/") > 1 else None,
            "user": self._user(),
            "body": None,
        }
        try:
            call["body"] = json.loads(raw) if raw else None
        except ValueError:
            call["body"] = raw.decode("utf-8", "replace")
        if self.latency_s:
            time.sleep(self.latency_s)
        with STORE.lock:
            status, payload = self._route(method, url.path, call)
        call["status"] = status
        STORE.record(call)
        self._reply(status, payload)

    def _user(self):
        header = self.headers.get("Authorization") or ""
        if not header.startswith("Basic "):
            return None
        try:
            return base64.b64decode(header[6:]).decode("utf-8").split(":", 1)[0]
        except ValueError:
            return None

    def _route(self, method, path, call):
        if call["user"] is None and (path.startswith("/servicenow/") or path.startswith("/jira/")):
            return 401, {"error": "authentication required"}
        match = SNOW_PATH.match(path)
        if match:
            call["incident_id"] = match.group(1)
            return self._servicenow(method, match.group(1), call["body"])
        match = JIRA_PATH.match(path)
        if match:
            call["incident_id"] = match.group(1)
            return self._jira(method, match.group(1), match.group(2), call["body"])
        return 404, {"error": "no such endpoint: %s %s" % (method, path)}

    def _servicenow(self, method, number, body):
        incidents = STORE.incidents["servicenow"]
        incident = incidents.setdefault(number, {"number": number, "state": "1", "work_notes": []})
        if method == "PATCH":
            if not isinstance(body, dict):
                return 400, {"error": {"message": "JSON object body required"}}
            state = body.get("state")
            if state is not None:
                if str(state) not in SNOW_STATES:
                    return 400, {"error": {"message": "invalid state %r" % state}}
                incident["state"] = str(state)
            for field in ("work_notes", "close_notes"):
                if body.get(field):
                    incident["work_notes"].append(body[field])
            for field in ("close_code", "assigned_to"):
                if field in body:
                    incident[field] = body[field]
        elif method != "GET":
            return 405, {"error": {"message": "method not allowed"}}
        return 200, {"result": {key: value for key, value in incident.items() if key != "work_notes"}}

    def _jira(self, method, key, sub, body):
        issue = STORE.incidents["jira"].setdefault(key, {"key": key, "status": "To Do", "comments": 0})
        if sub is None and method == "GET":
            return 200, {"key": key, "fields": {"status": {"name": issue["status"]}, "comment": {"total": issue["comments"]}}}
        if sub == "/comment" and method == "POST":
            if not isinstance(body, dict) or not isinstance(body.get("body"), str):
                return 400, {"errorMessages": ["comment body required"]}
            issue["comments"] += 1
            STORE.comments += 1
            return 201, {"id": str(10000 + STORE.comments), "body": body["body"]}
        if sub == "/transitions" and method == "POST":
            transition = (body or {}).get("transition") if isinstance(body, dict) else None
            target = JIRA_TRANSITIONS.get(str((transition or {}).get("id")))
            if target is None:
                return 400, {"errorMessages": ["unknown transition"]}
            issue["status"] = target
            return 204, None
        return 405, {"errorMessages": ["method not allowed"]}

    def _control(self, method, path):
        if path == "/health" and method == "GET":
            return self._reply(200, {"ok": True})
        if path == "/calls" and method == "GET":
            with STORE.lock:
                return self._reply(200, list(STORE.calls))
        if path == "/calls" and method == "DELETE":
            with STORE.lock:
                STORE.reset()
            return self._reply(204, None)
        if path == "/incidents" and method == "GET":
            with STORE.lock:
                return self._reply(200, json.loads(json.dumps(STORE.incidents)))
        return self._reply(405, {"error": "method not allowed"})

    def _reply(self, status, payload):
        data = b"" if payload is None else json.dumps(payload).encode("utf-8")
        self.send_response(status)
        if payload is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data:
            self.wfile.write(data)


def main(argv):
    parser = argparse.ArgumentParser(description="Local ITSM service (ServiceNow-like and Jira-like APIs)")
    parser.add_argument("port", nargs="?", type=int, default=int(os.environ.get("ITSM_SERVICE_PORT", "8099")))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="added to every tool API call")
    args = parser.parse_args(argv)
    Handler.latency_s = args.latency_ms / 1000.0
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.daemon_threads = True
    print("listening on http://%s:%d" % (args.host, server.server_address[1]), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
