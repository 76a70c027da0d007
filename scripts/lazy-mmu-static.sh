#!/usr/bin/env bash
# Static check of the fast PTE range sections with Coccinelle
# (scripts/lazy-mmu-static.cocci says what it reports and what it cannot
# see): raw pte_t * reads and writes, and table unhooking, TLB flushes or
# unlocks, between lazy_mmu_mode_enable_fast_pte_range() and the disable
# or pause, in mm/, fs/proc/ and arch/s390/mm/.
#
#   scripts/lazy-mmu-static.sh [tree]     check a kernel tree (default $LINUX)
#   scripts/lazy-mmu-static.sh --self-test
#                                         check that the planted bugs of
#                                         scripts/testdata/lazy-mmu-static.c,
#                                         and only they, are reported
#
# Fails on any finding, on a spatch error, and on an enable call that
# Coccinelle did not parse: spatch skips a function it cannot parse without
# a word, which would pass a walker that was never checked.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

COCCI=$TOP/scripts/lazy-mmu-static.cocci
SELFTEST_SRC=scripts/testdata/lazy-mmu-static.c
DIRS=(mm fs/proc arch/s390/mm)

spatch --version >/dev/null 2>&1 ||
	die "spatch (Coccinelle) is not installed or does not run; run 'make setup'"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Coccinelle's own macro hints plus ours. They must be builtins: given with
# --macro-file, the hint comes too late and the function is still dropped.
std=$(spatch --help 2>/dev/null |
	sed -n 's/.*--macro-file-builtins.*default=\([^)]*\)).*/\1/p') || true
[ -r "${std:-/usr/lib/coccinelle/standard.h}" ] ||
	die "Coccinelle's standard.h not found; reinstall coccinelle ('make setup')"
{
	cat "${std:-/usr/lib/coccinelle/standard.h}"
	# include/kunit/test.h: a for loop around a block (mm/tests).
	echo '#define kunit_warning_suppress(test) for (;;)'
} >"$tmp/macros.h"

# run_spatch <target>: append the rule output for a file or directory,
# relative to the current directory, to $tmp/out; spatch's messages to
# $tmp/err. The tree's headers give the types of structure fields
# (vmf->pte): 40 s instead of 3 s, still only for the few files that name
# the enable. One process: a second one re-parses the headers and is
# slower on two cores.
run_spatch() {
	local target=$1 rc=0 args=() d
	for d in include include/uapi include/generated \
		 arch/s390/include arch/s390/include/uapi arch/s390/include/generated; do
		[ -d "$d" ] && args+=(-I "$d")
	done
	[ -d "$target" ] && args+=(--dir)
	spatch --very-quiet --include-headers --timeout 120 \
		--recursive-includes --include-headers-for-types \
		--macro-file-builtins "$tmp/macros.h" \
		--sp-file "$COCCI" "${args[@]}" "$target" \
		>>"$tmp/out" 2>>"$tmp/err.raw" || rc=$?
	# "N files match" is spatch's prefilter talking; anything else is news.
	grep -v -E '^[0-9]+ files match$' "$tmp/err.raw" >>"$tmp/err" || true
	: >"$tmp/err.raw"
	if [ $rc -ne 0 ]; then
		echo "spatch exited with $rc on $target" >>"$tmp/err"
	fi
}

# calls <target>...: "file:line" of each enable call in the C sources,
# outside comments: the calls the "seen" lines must cover.
calls() {
	grep -rnHE --include='*.[ch]' \
		'\<lazy_mmu_mode_enable_fast_pte_range[[:space:]]*\(([^)]|$)' "$@" |
	awk -F: '{
		text = $0; sub(/^[^:]*:[^:]*:/, "", text)
		pre = text; sub(/lazy_mmu_mode_enable_fast_pte_range.*/, "", pre)
		if (pre ~ /^[ \t]*(\*|\/\*|\/\/)/) next
		print $1 ":" $2
	}' | sort -u || true
}

# analyse <target>...: run the check, print the findings into
# $tmp/findings ("file:line: function(): kind: detail") and fail on
# spatch errors and unparsed enable calls.
analyse() {
	local t
	: >"$tmp/out"
	: >"$tmp/err"
	for t in "$@"; do
		run_spatch "$t"
	done
	if [ -s "$tmp/err" ]; then
		echo "spatch reported errors:" >&2
		head -n 20 "$tmp/err" | sed 's/^/    /' >&2
		return 2
	fi
	awk -F'\t' '$1 == "seen" { print $2 ":" $3 }' "$tmp/out" | sort -u >"$tmp/seen"
	calls "$@" >"$tmp/calls"
	comm -23 "$tmp/calls" "$tmp/seen" >"$tmp/unparsed"
	if [ -s "$tmp/unparsed" ]; then
		echo "Coccinelle could not parse the function around these enable calls" \
			"(add a macro hint to $(basename "$0")):" >&2
		sed 's/^/    /' "$tmp/unparsed" >&2
		return 2
	fi
	# A file included by another (arch/s390/mm/lazy_mmu.c includes its
	# KUnit file) is analysed twice; report each finding once.
	awk -F'\t' '$1 != "seen" {
		printf "%s:%s: %s(): %s: %s\n", $2, $3, $4, $1, $5
	}' "$tmp/out" | sort -u | sort -s -t: -k1,1 -k2,2n >"$tmp/findings"
	walkers=$(wc -l <"$tmp/calls")
}

if [ "${1:-}" = --self-test ]; then
	cd "$TOP"
	if ! analyse "$SELFTEST_SRC"; then
		record FAIL lazy-mmu-static/self-test "spatch or parse error"
		exit 1
	fi
	cat "$tmp/findings"
	# Expected: the "/* EXPECT <kind> */" lines of the test file, no other.
	grep -nE '/\* EXPECT [a-z]+ \*/' "$SELFTEST_SRC" |
		sed -E 's/^([0-9]+):.*EXPECT ([a-z]+).*/\2 \1/' | sort >"$tmp/want"
	sed -E 's/^[^:]*:([0-9]+): [^ ]*\(\): ([a-z]+): .*/\2 \1/' \
		"$tmp/findings" | sort >"$tmp/got"
	if diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
		record PASS lazy-mmu-static/self-test \
			"$(wc -l <"$tmp/got") planted bugs found, no false positive"
		exit 0
	fi
	echo "expected (-) and reported (+) findings, as 'kind line':"
	tail -n +3 "$tmp/diff" | grep '^[-+]' | sed 's/^/    /'
	record FAIL lazy-mmu-static/self-test "findings differ from the EXPECT lines"
	exit 1
fi

tree=${1:-$LINUX}
[ -d "$tree" ] || die "no kernel tree at $tree"
cd "$tree"
for d in "${DIRS[@]}"; do
	[ -d "$d" ] || die "$tree has no $d/"
done
t0=$SECONDS
if ! analyse "${DIRS[@]}"; then
	record FAIL lazy-mmu-static "spatch or parse error"
	exit 1
fi
cat "$tmp/findings"
n=$(wc -l <"$tmp/findings")
echo "lazy-mmu-static: $walkers fast-range enable calls in ${DIRS[*]} checked in $((SECONDS - t0)) s"
if [ "$n" -eq 0 ]; then
	record PASS lazy-mmu-static
	exit 0
fi
record FAIL lazy-mmu-static "$n findings"
exit 1
