#!/usr/bin/env bash
# usage: console-check.sh <console log> <label> <expected test>...
# Judge one guest run from its console: every expected test ran, finished
# with rc=0 and printed PASS lines and no FAIL; the guest finished; and the
# kernel reported nothing (WARNING, BUG, Oops, KASAN, lockdep, RCU stall...).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
raw=$1 label=$2
shift 2
bad=0
# The console ends lines with CR LF.
log=$raw.txt
tr -d '\r' <"$raw" >"$log"

"$(dirname "$0")/kernel-reports.sh" "$log" "$label" || bad=1

for t in "$@"; do
	if ! grep -a -q "^RUN $t\$" "$log"; then
		record FAIL "$label/$t" "never started (see $log)"
		bad=1
		continue
	fi
	end=$(grep -a -m1 "^END $t rc=" "$log" || true)
	fails=$(sed -n "/^RUN $t\$/,/^END $t rc=/p" "$log" | grep -a '^FAIL ' || true)
	passes=$(sed -n "/^RUN $t\$/,/^END $t rc=/p" "$log" | grep -a -c '^PASS ' || true)
	if [ -z "$end" ]; then
		record FAIL "$label/$t" "did not finish: hang or crash (see $log)"
		bad=1
	elif [ -n "$fails" ]; then
		record FAIL "$label/$t" "$(echo "$fails" | head -n 5 | tr '\n' ';')"
		bad=1
	elif [ "$end" != "END $t rc=0" ] || [ "$passes" -eq 0 ]; then
		record FAIL "$label/$t" "exit status '${end#END $t }', $passes PASS lines (see $log)"
		bad=1
	else
		record PASS "$label/$t"
	fi
done

if ! grep -a -q '^GUEST DONE' "$log"; then
	record FAIL "$label/finished" "guest did not reach the end of its run (see $log)"
	bad=1
fi
exit $bad
