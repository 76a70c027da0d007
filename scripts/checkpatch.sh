#!/usr/bin/env bash
# checkpatch.pl --strict on every patch in patches/; any error, warning or
# check fails it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
bad=0
n=0

# checkpatch asks "does MAINTAINERS need updating?" whenever a patch adds a
# file and leaves MAINTAINERS alone. The answer is no when an existing
# section other than THE REST already names the file (arch/s390/mm/ for a
# new file there): that is checked here, and only then is the question
# dropped.
maintained() {
	local f first
	for f in $(awk '/^diff --git / { f = substr($4, 3) } /^new file mode/ { print f }' "$1"); do
		first=$(cd "$LINUX" && ./scripts/get_maintainer.pl --no-git --no-git-fallback \
			--sections -f "$f" 2>/dev/null | head -n 1)
		[ -n "$first" ] && [ "$first" != "THE REST" ] || return 1
	done
}
for p in "$TOP"/patches/0*.patch; do
	[ -e "$p" ] || continue
	case "$p" in */0000-cover-letter.patch) continue ;; esac
	n=$((n + 1))
	rc=0
	out=$(cd "$LINUX" && ./scripts/checkpatch.pl --strict --terse --no-summary "$p" 2>&1) || rc=$?
	[ $rc = 0 ] || [ -n "$out" ] || out="checkpatch.pl exited $rc without a report"
	if grep -q 'does MAINTAINERS need updating' <<<"$out" && maintained "$p"; then
		out=$(grep -v 'does MAINTAINERS need updating' <<<"$out" || true)
	fi
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
