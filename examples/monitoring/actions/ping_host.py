#!/usr/bin/env python3
"""Simulated `ping` for the monitoring example (run by core.local).

The host is looked up in the CMDB extract (data/hosts.json): hosts whose `sim.exists`
is true answer, every other host times out. The answer is one JSON line on stdout
(StackStorm's shell runners parse it into result().stdout); exit 0 = reachable,
exit 1 = unreachable. Every wait is multiplied by the time scale
(--time-scale, else ORQC_TIME_SCALE, else 1) so tests and benchmarks run fast.
"""
import argparse
import json
import os
import sys
import time

DEFAULT_INVENTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "hosts.json")


def time_scale(arg):
    raw = arg if arg is not None else os.environ.get("ORQC_TIME_SCALE", "1")
    try:
        scale = float(raw)
    except ValueError:
        return 1.0
    return scale if scale >= 0 else 1.0


def find_host(inventory, name):
    with open(inventory) as handle:
        for host in json.load(handle)["hosts"]:
            if host["name"] == name:
                return host
    return None


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--inventory", default=DEFAULT_INVENTORY)
    parser.add_argument("--time-scale", default=None)
    parser.add_argument("--reply-seconds", type=float, default=1.0, help="duration of a ping that answers")
    parser.add_argument("--timeout-seconds", type=float, default=3.0, help="duration of a ping that times out")
    parser.add_argument("--recheck", action="store_true", help="second measurement (threshold recheck)")
    args = parser.parse_args(argv)

    scale = time_scale(args.time_scale)
    host = find_host(args.inventory, args.host)
    sim = (host or {}).get("sim", {})
    reachable = bool(sim.get("exists"))

    time.sleep((args.reply_seconds if reachable else args.timeout_seconds) * scale)
    if reachable:
        loss = sim.get("recheck_packet_loss", sim.get("packet_loss", 0)) if args.recheck else sim.get("packet_loss", 0)
        answer = {"host": args.host, "reachable": True, "packet_loss": loss, "rtt_avg_ms": sim.get("rtt_ms")}
    else:
        answer = {"host": args.host, "reachable": False, "packet_loss": 100, "rtt_avg_ms": None}
    print(json.dumps(answer))
    if not reachable:
        print("ping: %s: 100%% packet loss" % args.host, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
