#!/bin/sh
# Simulated `cat /proc/uptime` for the monitoring example (run by core.remote;
# every existing host has the address 127.0.0.1, so it runs on this machine).
#
# monitoring.config_vars_get writes this command line with the host's answer
# from the CMDB extract in it:
#
#   uptime_host.sh --seconds S --time-scale K (--answer JSON | --unknown MESSAGE)
#
# Waits S x K seconds (K: --time-scale, else ORQC_TIME_SCALE, else 1), then
# prints the answer ({host, uptime_s}) or, for a host that does not exist,
# MESSAGE on stderr with exit 1.
set -eu

seconds=0.5
scale=${ORQC_TIME_SCALE:-1}
answer=
unknown=
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --time-scale) scale=$2; shift 2 ;;
    --answer) answer=$2; shift 2 ;;
    --unknown) unknown=$2; shift 2 ;;
    *) echo "uptime_host.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

wait=$(awk -v s="$seconds" -v k="$scale" 'BEGIN { if (k + 0 < 0 || k !~ /^[0-9.eE+-]+$/) k = 1; printf "%.3f", s * k }')
sleep "$wait"
if [ -n "$unknown" ]; then
  printf '%s\n' "$unknown" >&2
  exit 1
fi
printf '%s\n' "$answer"
