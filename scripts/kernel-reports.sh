#!/usr/bin/env bash
# usage: kernel-reports.sh <console log>
# Print the kernel's problem reports found in a console log (WARNING, BUG,
# Oops, KASAN, UBSAN, lockdep, RCU stalls, hung tasks, panics); exit 1 if
# there is any.
set -euo pipefail
pattern='WARNING:|BUG:|Oops|KASAN|UBSAN|Kernel panic|kernel BUG|cut here|rcu: INFO|self-detected stall|detected stalls|soft lockup|blocked for more than|Call Trace:|page_table_check'
if grep -a -n -E "$pattern" "$1" | head -n 20; then
	exit 1
fi
exit 0
