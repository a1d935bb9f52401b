"""monitoring.config_vars_get: everything the host check needs, in one dictionary.

Merges the pack config with the host's CMDB record and builds the simulated ping and
uptime command lines: POSIX shell scripts given the host's answers from the record
(absolute paths, the wait already time-scaled, so they behave the same under core.local
and over core.remote, and the script starts no process but `sleep`).
"""
import json
import os
import shlex

from st2common.runners.base_action import Action

PACK_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _time_scale():
    try:
        scale = float(os.environ.get("ORQC_TIME_SCALE", "1"))
    except ValueError:
        return 1.0
    return scale if scale >= 0 else 1.0


def _wait(seconds, scale):
    return "%.3f" % (float(seconds) * scale)


class ConfigVarsGet(Action):
    def run(self, host, customer=None):
        config = self.config or {}
        inventory = config.get("inventory_path") or os.path.join(PACK_DIR, "data", "hosts.json")
        record = self._lookup(inventory, host)
        if record is None:
            self.logger.warning("host %s is not in the CMDB extract %s", host, inventory)
            record = {"name": host, "os": "unknown", "address": None, "customer": customer}
        scale = _time_scale()
        sim = record.get("sim") or {}
        exists = bool(sim.get("exists"))

        # The commands carry the host's simulated answers (from the CMDB record read
        # above), so running one costs what a real ping or uptime costs: a wait and a line.
        if exists:
            def ping_answer(loss):
                return json.dumps({"host": host, "reachable": True, "packet_loss": loss, "rtt_avg_ms": sim.get("rtt_ms")})

            loss = sim.get("packet_loss", 0)
            ping_cmd = ["sh", os.path.join(PACK_DIR, "actions", "ping_host.sh")]
            ping_cmd += ["--wait", _wait(config.get("ping_reply_seconds", 1), scale)]
            ping_cmd += ["--answer", ping_answer(loss), "--recheck-answer", ping_answer(sim.get("recheck_packet_loss", loss))]
        else:
            answer = json.dumps({"host": host, "reachable": False, "packet_loss": 100, "rtt_avg_ms": None})
            ping_cmd = ["sh", os.path.join(PACK_DIR, "actions", "ping_host.sh")]
            ping_cmd += ["--wait", _wait(config.get("ping_timeout_seconds", 3), scale)]
            ping_cmd += ["--answer", answer, "--unreachable", "ping: %s: 100%% packet loss" % host]
        uptime_cmd = ["sh", os.path.join(PACK_DIR, "actions", "uptime_host.sh")]
        uptime_cmd += ["--wait", _wait(config.get("uptime_seconds", 0.5), scale)]
        if exists:
            uptime_cmd += ["--answer", json.dumps({"host": host, "uptime_s": sim.get("uptime_s")})]
        else:
            uptime_cmd += ["--unknown", "uptime: unknown host %s" % host]

        return {
            "host": {
                "name": record["name"],
                "os": record.get("os", "unknown"),
                "address": record.get("address"),
                "customer": customer or record.get("customer"),
            },
            "threshold": {
                "metric": config.get("threshold_metric", "packet_loss"),
                "value": config.get("threshold_value", 20),
                "type": config.get("threshold_type", "above"),
            },
            "recheck_delay": int(config.get("recheck_delay", 10)),
            "min_uptime_s": config.get("min_uptime_s", 600),
            "save_to_db": bool(config.get("save_to_db", True)),
            "ping_cmd": " ".join(shlex.quote(part) for part in ping_cmd),
            "uptime_cmd": " ".join(shlex.quote(part) for part in uptime_cmd),
            "time_scale": scale,
        }

    def _lookup(self, inventory, host):
        with open(inventory) as handle:
            for record in json.load(handle).get("hosts", []):
                if record.get("name") == host:
                    return record
        return None
