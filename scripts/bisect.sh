#!/usr/bin/env bash
# 'make bisect': every patch of the series on its own, as someone who
# bisects meets it. For each commit of base..series, in a worktree:
# - the s390 test kernel (configs/base.config + debug.config) builds
#   without a compiler warning;
# - the generic C files the commit touches build for x86_64, arm64 and
#   powerpc (cross-build.sh on that commit);
# - the C files the commit touches, compiled for s390 with W=1 and sparse,
#   give no warning that the same file does not give at the base.
# A full s390 build per patch that changes a common header: make check-full
# runs this, make check does not.
# env: BISECT_FROM=<n> starts at the n-th patch (1 = the first).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
S=$(dirname "$0")
need_tree
from=${BISECT_FROM:-1}
[[ $from =~ ^[1-9][0-9]*$ ]] || die "BISECT_FROM=$from is not a patch number (1, 2, ...)"
# A sparse that can parse this kernel (Debian 12's cannot: sparse-build.sh).
sparse_bin=$("$S/sparse-build.sh") || die "no usable sparse for this kernel (see above)"
mapfile -t commits < <(git -C "$LINUX" rev-list --reverse base..series)
[ ${#commits[@]} -gt 0 ] || die "branch series has no commit over base; run 'make tree'"
[ "$from" -le ${#commits[@]} ] || die "BISECT_FROM=$from, but the series has ${#commits[@]} patches"

wt=$BUILD/bisect-tree
name=bisect-s390
out=$BUILD/$name
wdir=$BUILD/bisect-warnings
mkdir -p "$wdir"
# The test config without the purge counters, which only the measured
# trees have (series/measure/).
configs=("$TOP/configs/base.config" "$TOP/configs/debug.config")
detached_worktree "$wt" base
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}

# checkout <rev>: the worktree at <rev>, nothing else in it.
checkout() {
	git -C "$wt" checkout -q -f --detach "$1" && git -C "$wt" clean -q -f -d ||
		die "cannot check out $1 in $wt"
}

# built_in <file.o>: the last full build linked it into vmlinux. A thin
# archive lists its members relative to the current directory; grep reads
# the whole list (with -q, ar would die of SIGPIPE and fail the pipeline).
built_in() {
	(cd "$out" && ar t vmlinux.a) | grep -x -F "$1" >/dev/null
}

# extra_warnings <file.c> <result>: compile the file for s390 with W=1 and
# sparse if usable (C=2 checks it even when up to date) in the worktree; the
# warnings, with line numbers dropped so that moved code compares equal,
# go sorted into <result>. Returns 2 if the test config does not build the
# file into the kernel (vmlinux.a of the last full build lists every
# built-in object; a stale .o proves nothing), 1 if it does not compile.
extra_warnings() {
	local f=$1 res=$2 log=$wdir/one.log
	: >"$res"
	built_in "${f%.c}.o" || return 2
	if ! make -C "$wt" O="$out" ARCH=s390 CROSS_COMPILE="$CROSS_COMPILE" \
		CC="ccache ${CROSS_COMPILE}gcc" W=1 "${sparse[@]}" "${f%.c}.o" >"$log" 2>&1; then
		grep -E -m 5 'error' "$log" >&2 || tail -n 5 "$log" >&2
		return 1
	fi
	{ grep -E '(warning|error):' "$log" || true; } |
		sed -E 's/:[0-9]+:[0-9]+:/:/; s/:[0-9]+:/:/' | sort -u >"$res"
}

# The base's warnings for every C file the series touches that exists there.
mapfile -t all_files < <(git -C "$LINUX" diff --name-only --diff-filter=AM base..series -- '*.c')
checkout base
sparse=(C=2 CHECK="$sparse_bin")
# Debian's 0.6.5~rc1 calls itself 0.6.4: name the build it came from too.
checks="W=1 and sparse $("$sparse_bin" --version 2>&1 | head -n 1)"
case $sparse_bin in
"$BUILD"/tools/*) checks+=" (${sparse_bin#"$BUILD"/tools/})" ;;
esac
echo "bisect: the base ($(git -C "$wt" describe --tags base 2>/dev/null || echo base))"
SRC=$wt "$S/build.sh" "$name" "${configs[@]}" >/dev/null ||
	die "the base does not build with the test config (see $LOGS/build-$name.log)"
# The W=1/sparse check must not pass by finding nothing to check.
built_in init/main.o && built_in mm/memory.o ||
	die "cannot list the objects of $out/vmlinux.a (ar t): W=1/sparse would check nothing"
rm -f "$wdir"/base-*.txt
for f in "${all_files[@]}"; do
	[ -f "$wt/$f" ] || continue
	rc=0
	extra_warnings "$f" "$wdir/base-${f//\//_}.txt" || rc=$?
	[ $rc != 1 ] || die "$f does not compile with W=1 at the base (see $wdir/one.log)"
done

bad=0
for ((i = from; i <= ${#commits[@]}; i++)); do
	c=${commits[i - 1]}
	subject=$(git -C "$LINUX" log -1 --format=%s "$c")
	label="bisect/$(printf '%02d' "$i")"
	echo "bisect: patch $i/${#commits[@]}: $subject"
	checkout "$c"
	problems=()
	if ! SRC=$wt "$S/build.sh" "$name" "${configs[@]}" >"$wdir/build.out" 2>&1; then
		problems+=("the s390 test kernel does not build: $(grep -m 3 -E 'error' "$wdir/build.out" | tr '\n' ' ')")
	elif [ -s "$LOGS/build-$name.warnings" ]; then
		problems+=("compiler warnings: $(head -n 3 "$LOGS/build-$name.warnings" | tr '\n' ' ')")
	fi
	for a in x86_64 arm64 powerpc; do
		if ! SRC=$wt RANGE="$c~1..$c" OUT=$BUILD/bisect-cross-$a ALLOW_NONE=1 \
			"$S/cross-build.sh" "$a" >"$wdir/cross.out" 2>&1; then
			problems+=("$a: $(grep -E -v '^(PASS|cross)' "$wdir/cross.out" | head -n 3 | tr '\n' ' ')")
		fi
	done
	mapfile -t files < <(git -C "$LINUX" diff --name-only --diff-filter=AM "$c~1" "$c" -- '*.c')
	checked=0
	for f in "${files[@]}"; do
		now=$wdir/now.txt
		rc=0
		extra_warnings "$f" "$now" || rc=$?
		if [ $rc = 2 ]; then
			echo "bisect: $f is not built by the s390 test config (its KUnit build compiles it)"
			continue
		elif [ $rc = 1 ]; then
			problems+=("$f does not compile with W=1 C=2 (see $wdir/one.log)")
			continue
		fi
		checked=$((checked + 1))
		base=$wdir/base-${f//\//_}.txt
		[ -f "$base" ] || base=/dev/null
		new=$(comm -13 "$base" "$now")
		[ -z "$new" ] || problems+=("W=1/sparse warnings $f has and the base has not: $(echo "$new" | head -n 3 | tr '\n' ' ')")
	done
	if [ ${#problems[@]} -eq 0 ]; then
		record PASS "$label" "s390 build, cross builds, $checks on $checked touched files"
	else
		record FAIL "$label" "$subject"
		printf '    %s\n' "${problems[@]}"
		bad=1
	fi
done
checkout base
exit $bad
