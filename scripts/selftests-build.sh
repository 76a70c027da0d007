#!/usr/bin/env bash
# Build the kernel's mm selftests (tools/testing/selftests/mm of build/linux)
# as static s390x programs into build/selftests-mm, with the UAPI headers of
# the same tree. Every test named in configs/mm-selftests.txt must build.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
list=$TOP/configs/mm-selftests.txt
[ -f "$list" ] || die "$list missing"
hdr=$BUILD/headers-s390
out=$BUILD/selftests-mm
log=$LOGS/selftests-build.log
mkdir -p "$hdr" "$out"

echo "selftests: building the mm selftests (log: $log)"
run_logged "$LOGS/headers-s390.log" make -C "$LINUX" O="$hdr" ARCH=s390 \
	CROSS_COMPILE="$CROSS_COMPILE" headers ||
	die "make headers failed (see $LOGS/headers-s390.log)"
# -k: tests that need libraries the cross toolchain lacks (libnuma,
# libcap) fail to build; configs/mm-selftests.txt says which those are.
make -C "$LINUX/tools/testing/selftests/mm" -k -j"$JOBS" ARCH=s390 \
	CROSS_COMPILE="$CROSS_COMPILE" OUTPUT="$out" EXTRA_CFLAGS=-static \
	KHDR_INCLUDES="-isystem $hdr/usr/include" >"$log" 2>&1 || true

missing=()
while read -r _ prog _; do
	[ -x "$out/$prog" ] || missing+=("$prog")
done < <(grep -v -E '^\s*(#|$)' "$list")
if [ ${#missing[@]} -gt 0 ]; then
	grep -E -m 20 'error' "$log" >&2 || true
	die "mm selftests listed in configs/mm-selftests.txt did not build: ${missing[*]} (see $log)"
fi
echo "selftests: $(grep -c -v -E '^\s*(#|$)' "$list") tests built in $out"
