#!/usr/bin/env bash
# checkpatch.pl --strict on every patch in patches/; any error, warning or
# check fails it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
bad=0
n=0

# checkpatch.pl validates SPDX tags with scripts/spdxcheck.py and takes a
# crash of it (no python3-ply) for a valid tag: use Debian's python3, which
# make setup gives ply and git, and make sure the check can say no.
export PATH=/usr/bin:$PATH
spdx() { (cd "$LINUX" && echo "SPDX-License-Identifier: $1" | ./scripts/spdxcheck.py - 2>&1); }
[ -z "$(spdx GPL-2.0)" ] && [ -n "$(spdx NOT-A-LICENSE)" ] ||
	die "scripts/spdxcheck.py does not work ($(spdx GPL-2.0 | tail -n 1)); run 'make setup' (python3-ply, python3-git)"

for p in "$TOP"/patches/0*.patch; do
	[ -e "$p" ] || continue
	case "$p" in */0000-cover-letter.patch) continue ;; esac
	n=$((n + 1))
	rc=0
	out=$(cd "$LINUX" && ./scripts/checkpatch.pl --strict --terse --no-summary "$p" 2>&1) || rc=$?
	[ $rc = 0 ] || [ -n "$out" ] || out="checkpatch.pl exited $rc without a report"
	if [ -z "$out" ]; then
		record PASS "checkpatch/$(basename "$p")"
	else
		record FAIL "checkpatch/$(basename "$p")" "$(echo "$out" | wc -l) reports"
		echo "$out" | head -n 20 | sed 's/^/    /'
		bad=1
	fi
done
echo "checkpatch: $n patches checked"
exit $bad
