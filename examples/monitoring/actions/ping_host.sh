#!/bin/sh
# Simulated `ping` for the monitoring example (run by core.local).
#
# monitoring.config_vars_get looks the host up in the CMDB extract and writes
# this command line with the answer in it, so the command itself costs what a
# real ping costs: a wait, one line of JSON on stdout (the shell runner parses
# it into result().stdout), exit 0 when the host answers and 1 when it does not.
#
#   ping_host.sh --wait SECONDS --answer JSON [--recheck-answer JSON]
#                [--unreachable MESSAGE] [--recheck]
#
# --wait is already time-scaled by config_vars_get (so the script starts no
# process but `sleep`); --recheck prints the second measurement; --unreachable
# prints MESSAGE on stderr and exits 1.
set -eu

wait=1
answer=
recheck_answer=
unreachable=
recheck=0
while [ $# -gt 0 ]; do
  case $1 in
    --wait) wait=$2; shift 2 ;;
    --answer) answer=$2; shift 2 ;;
    --recheck-answer) recheck_answer=$2; shift 2 ;;
    --unreachable) unreachable=$2; shift 2 ;;
    --recheck) recheck=1; shift ;;
    *) echo "ping_host.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

sleep "$wait"
if [ "$recheck" = 1 ] && [ -n "$recheck_answer" ]; then
  printf '%s\n' "$recheck_answer"
else
  printf '%s\n' "$answer"
fi
if [ -n "$unreachable" ]; then
  printf '%s\n' "$unreachable" >&2
  exit 1
fi
