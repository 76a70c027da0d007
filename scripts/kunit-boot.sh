#!/usr/bin/env bash
# Judge the KUnit suites a test kernel with the KUnit options built in
# (the files of kunit_configs s390 as build fragments) ran at boot, from the
# guest's console log, against configs/kunit-suites-s390.txt.
# usage: kunit-boot.sh <label> <console log>
# The guest run that wrote the log judges its kernel reports already.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ $# -eq 2 ] || die "usage: kunit-boot.sh <label> <console log>"
need_tree
label=$1 log=$2
[ -f "$log" ] || die "no console log $log: run the guest first"
out=$BUILD/$label
mkdir -p "$out"
json=$out/results.json
rm -f "$json"
# The console ends lines with CR LF; the parser wants plain lines.
tr -d '\r' <"$log" >"$out/console.log"
python3 "$LINUX/tools/testing/kunit/kunit.py" parse --json="$json" \
	"$out/console.log" >"$out/parse.log" 2>&1 || true
if [ ! -s "$json" ] || ! grep -q 'KTAP version\|TAP version' "$out/console.log"; then
	record FAIL "$label" "no KUnit results in $log (was the kernel built with the KUnit configs, kunit_configs s390?)"
	exit 1
fi
rc=0
"$(dirname "$0")/kunit-verdicts.py" "$json" "$TOP/configs/kunit-suites-s390.txt" \
	"$label" >"$out/verdicts" || rc=1
while read -r verdict name rest; do
	record "$verdict" "$name" "$rest"
done <"$out/verdicts"
[ $rc -eq 0 ] || echo "$label: failed; parsed results: $out/parse.log" >&2
exit $rc
