#!/usr/bin/env bash
# Compile the generic C files the series touches for another architecture
# (defconfig), so core-mm changes cannot break it. Any compiler warning or
# error in those files fails.
# usage: cross-build.sh <x86_64|arm64|powerpc>
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
arch=${1:?usage: cross-build.sh <x86_64|arm64|powerpc>}
case $arch in
x86_64) cross= ; karch=x86 ; cfg=x86_64_defconfig ;;
arm64) cross=aarch64-linux-gnu- ; karch=arm64 ; cfg=defconfig ;;
powerpc) cross=powerpc64le-linux-gnu- ; karch=powerpc ; cfg=ppc64le_defconfig ;;
*) die "unsupported architecture $arch" ;;
esac
command -v "${cross}gcc" >/dev/null || die "${cross}gcc missing; run 'make setup'"
out=$BUILD/cross-$arch
log=$LOGS/cross-$arch.log
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}
MAKE=(make -C "$LINUX" O="$out" ARCH="$karch" CROSS_COMPILE="$cross"
      CC="ccache ${cross}gcc" -j"$JOBS")

# Generic code only: files under arch/ belong to their own architecture.
files=$(git -C "$LINUX" diff --name-only --diff-filter=AM base..series -- '*.c' | grep -v '^arch/' || true)
if [ -z "$files" ]; then
	echo "cross[$arch]: the series touches no generic C file"
	exit 0
fi
mkdir -p "$out"
if [ ! -f "$out/.config" ]; then
	run_logged "$LOGS/cross-$arch-config.log" "${MAKE[@]}" "$cfg" ||
		die "make $cfg for $arch failed"
fi
objs=()
for f in $files; do
	o=${f%.c}.o
	dir=$(dirname "$f")
	# Only objects the defconfig builds: the Makefile must list them as obj-y.
	if "${MAKE[@]}" -s -n "$o" >/dev/null 2>&1; then
		objs+=("$o")
	else
		echo "cross[$arch]: $o is not part of $cfg; compiled by the KUnit or s390 builds instead"
	fi
done
[ ${#objs[@]} -gt 0 ] || die "none of the touched files is built by $arch $cfg"
echo "cross[$arch]: compiling ${objs[*]} (log: $log)"
if ! "${MAKE[@]}" "${objs[@]}" >"$log" 2>&1; then
	grep -E -m 30 'error:|Error [0-9]' "$log" >&2 || tail -n 30 "$log" >&2
	record FAIL "cross-$arch" "build failed (see $log)"
	exit 1
fi
warnings=$(grep -E 'warning:' "$log" | grep -F -f <(printf '%s\n' $files) || true)
if [ -n "$warnings" ]; then
	record FAIL "cross-$arch" "compiler warnings in touched files:"
	echo "$warnings" | head -n 20 | sed 's/^/    /'
	exit 1
fi
record PASS "cross-$arch" "${#objs[@]} objects, no warnings"
