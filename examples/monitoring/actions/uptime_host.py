#!/usr/bin/env python3
"""Simulated `cat /proc/uptime` for the monitoring example (run by core.remote).

In the example every existing host has the address 127.0.0.1, so the remote command
runs on this machine; the host name argument selects the simulated answer from the
CMDB extract (data/hosts.json). Prints one JSON line {host, uptime_s}; exit 1 when
the host does not exist. Waits are scaled like ping_host.py.
"""
import argparse
import json
import os
import sys
import time

DEFAULT_INVENTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "hosts.json")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--inventory", default=DEFAULT_INVENTORY)
    parser.add_argument("--time-scale", default=None)
    parser.add_argument("--seconds", type=float, default=0.5, help="duration of the remote command")
    args = parser.parse_args(argv)

    raw = args.time_scale if args.time_scale is not None else os.environ.get("ORQC_TIME_SCALE", "1")
    try:
        scale = max(float(raw), 0.0)
    except ValueError:
        scale = 1.0
    time.sleep(args.seconds * scale)

    with open(args.inventory) as handle:
        hosts = {host["name"]: host for host in json.load(handle)["hosts"]}
    sim = hosts.get(args.host, {}).get("sim", {})
    if not sim.get("exists"):
        print("uptime: unknown host %s" % args.host, file=sys.stderr)
        return 1
    print(json.dumps({"host": args.host, "uptime_s": sim["uptime_s"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
