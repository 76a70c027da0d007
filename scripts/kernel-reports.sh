#!/usr/bin/env bash
# usage: kernel-reports.sh <console log> <label>
# Record "<label>/kernel-log" as failed, with the lines, if the log holds a
# kernel problem report (WARNING, BUG, Oops, KASAN, UBSAN, lockdep, RCU
# stall, hung task, panic), else as passed. Exits 1 on a report.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
log=$1 label=$2
# Not "grep | head" in the test: with pipefail, a log with many reports
# makes grep die of SIGPIPE and the test false, which passed such logs.
reports=$(grep -a -n -E "$KERNEL_REPORTS" "$log" || true)
if [ -n "$reports" ]; then
	record FAIL "$label/kernel-log" "kernel reported problems (see $log):"
	echo "$reports" | sed -n '1,20s/^/    /p'
	exit 1
fi
record PASS "$label/kernel-log"
