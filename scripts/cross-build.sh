#!/usr/bin/env bash
# Compile the generic C files the series touches for another architecture
# (defconfig), so core-mm changes cannot break it. Any compiler warning or
# error in those files fails.
# usage: cross-build.sh <x86_64|arm64|powerpc>
# env (scripts/bisect.sh): SRC (source tree, default build/linux), RANGE
# (commits whose files to build, default base..series), OUT (build
# directory), ALLOW_NONE=1 (a range whose files this defconfig does not
# build passes, saying so).
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
src=${SRC:-$LINUX}
range=${RANGE:-base..series}
out=${OUT:-$BUILD/cross-$arch}
log=$LOGS/cross-$arch.log
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}
MAKE=(make -C "$src" O="$out" ARCH="$karch" CROSS_COMPILE="$cross"
      CC="ccache ${cross}gcc" -j"$JOBS")

# Generic code only: files under arch/ belong to their own architecture.
files=$(git -C "$src" diff --name-only --diff-filter=AM "$range" -- '*.c' | grep -v '^arch/' || true)
if [ -z "$files" ]; then
	echo "cross[$arch]: the series touches no generic C file"
	exit 0
fi
mkdir -p "$out"
if [ ! -f "$out/.config" ]; then
	run_logged "$LOGS/cross-$arch-config.log" "${MAKE[@]}" "$cfg" ||
		die "make $cfg for $arch failed"
fi
run_logged "$LOGS/cross-$arch-prepare.log" "${MAKE[@]}" prepare ||
	die "make prepare for $arch failed (see $LOGS/cross-$arch-prepare.log)"
: >"$log"
built=0
# The Kconfig symbol that guards object @1 in the Makefile that lists it
# (its own directory's or a parent's), if any.
guard() {
	local dir rel=$1 sym
	dir=$(dirname "$1")
	while [ "$dir" != . ]; do
		rel=${1#"$dir"/}
		if [ -f "$src/$dir/Makefile" ]; then
			sym=$(sed -n -E "s#^obj-\\\$\((CONFIG_[A-Z0-9_]+)\).*[[:space:]]$rel([[:space:]].*)?\$#\1#p" \
				"$src/$dir/Makefile" | head -n 1)
			[ -n "$sym" ] && { echo "$sym"; return; }
		fi
		dir=$(dirname "$dir")
	done
}
for f in $files; do
	o=${f%.c}.o
	sym=$(guard "$o")
	if [ -n "$sym" ] && ! grep -q "^$sym=[ym]" "$out/.config"; then
		echo "cross[$arch]: $o needs $sym, which $cfg does not set"
		continue
	fi
	if "${MAKE[@]}" "$o" >"$log.one" 2>&1; then
		built=$((built + 1))
	elif grep -q "No rule to make target '$o'" "$log.one"; then
		# Not part of this defconfig: the KUnit and s390 builds compile it.
		echo "cross[$arch]: $o is not built by $cfg"
	else
		cat "$log.one" >>"$log"
		grep -E -m 30 'error:|Error [0-9]' "$log.one" >&2 || tail -n 30 "$log.one" >&2
		record FAIL "cross-$arch" "$o does not build (see $log)"
		exit 1
	fi
	cat "$log.one" >>"$log"
done
rm -f "$log.one"
if [ $built = 0 ]; then
	[ "${ALLOW_NONE:-0}" = 1 ] || die "none of the touched files is built by $arch $cfg"
	record PASS "cross-$arch" "none of the files of $range is built by $cfg"
	exit 0
fi
warnings=$(grep -E 'warning:' "$log" | grep -F -f <(printf '%s\n' $files) || true)
if [ -n "$warnings" ]; then
	record FAIL "cross-$arch" "compiler warnings in touched files:"
	echo "$warnings" | head -n 20 | sed 's/^/    /'
	exit 1
fi
record PASS "cross-$arch" "$built objects, no warnings"
