#!/bin/sh
# Simulated `cat /proc/uptime` for the monitoring example (run by core.remote;
# every existing host has the address 127.0.0.1, so it runs on this machine).
#
# monitoring.config_vars_get writes this command line with the host's answer
# from the CMDB extract in it:
#
#   uptime_host.sh --wait SECONDS (--answer JSON | --unknown MESSAGE)
#
# Waits SECONDS (already time-scaled by config_vars_get), then prints the
# answer ({host, uptime_s}) or, for a host that does not exist, MESSAGE on
# stderr with exit 1.
set -eu

wait=0.5
answer=
unknown=
while [ $# -gt 0 ]; do
  case $1 in
    --wait) wait=$2; shift 2 ;;
    --answer) answer=$2; shift 2 ;;
    --unknown) unknown=$2; shift 2 ;;
    *) echo "uptime_host.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

sleep "$wait"
if [ -n "$unknown" ]; then
  printf '%s\n' "$unknown" >&2
  exit 1
fi
printf '%s\n' "$answer"
