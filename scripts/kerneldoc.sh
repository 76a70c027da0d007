#!/usr/bin/env bash
# kernel-doc -none -Wall on every header the series touches: any warning
# the base version of the header does not have fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
cd "$LINUX"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
headers=$(git diff --name-only --diff-filter=AM base..series -- '*.h')
for h in $headers; do
	# Line numbers move with every edit; compare the messages only.
	./scripts/kernel-doc -none -Wall "$h" 2>&1 | sed -E 's/:[0-9]+ / /' | sort >"$tmp/new"
	: >"$tmp/old"
	if git cat-file -e "base:$h" 2>/dev/null; then
		mkdir -p "$tmp/base/$(dirname "$h")"
		git show "base:$h" >"$tmp/base/$h"
		./scripts/kernel-doc -none -Wall "$tmp/base/$h" 2>&1 |
			sed -E "s#$tmp/base/##; s/:[0-9]+ / /" | sort >"$tmp/old"
	fi
	added=$(comm -13 "$tmp/old" "$tmp/new")
	if [ -n "$added" ]; then
		record FAIL "kernel-doc/$h" "new warnings:"
		echo "$added" | sed 's/^/    /'
		bad=1
	else
		record PASS "kernel-doc/$h"
	fi
done
[ -n "$headers" ] || echo "kernel-doc: the series touches no header"
exit $bad
