#!/usr/bin/env bash
# Build the guest programs and pack them into build/guest/initramfs.cpio:
# /init, the tests in /tests, the benchmarks in /bench, the selftest
# runner in /selftests (scripts/selftests.sh appends the selftests) and
# the KUnit rerun in /kunit.
# Prints the names of the tests.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
out=$BUILD/guest
make -s -C "$TOP/guest" O="$out" >"$LOGS/guest.log" 2>&1 || {
	cat "$LOGS/guest.log" >&2
	die "building the guest programs failed"
}
gen=$BUILD/gen_init_cpio
if [ ! -x "$gen" ] || [ "$LINUX/usr/gen_init_cpio.c" -nt "$gen" ]; then
	gcc -O2 -o "$gen" "$LINUX/usr/gen_init_cpio.c" || die "cannot build gen_init_cpio"
fi
tests=$(make -s -C "$TOP/guest" list-tests)
bench=$(make -s -C "$TOP/guest" list-bench)
selftests=$(make -s -C "$TOP/guest" list-selftests)
kunit=$(make -s -C "$TOP/guest" list-kunit)
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "file /init $out/init 0755 0 0"
	echo "dir /tests 0755 0 0"
	for t in $tests; do
		echo "file /tests/$t $out/tests/$t 0755 0 0"
	done
	echo "dir /bench 0755 0 0"
	for b in $bench; do
		echo "file /bench/$b $out/bench/$b 0755 0 0"
	done
	echo "dir /selftests 0755 0 0"
	for s in $selftests; do
		echo "file /selftests/$s $out/selftests/$s 0755 0 0"
	done
	echo "dir /kunit 0755 0 0"
	for k in $kunit; do
		echo "file /kunit/$k $out/kunit/$k 0755 0 0"
	done
} >"$out/initramfs.list"
"$gen" "$out/initramfs.list" >"$out/initramfs.cpio" || die "gen_init_cpio failed"
echo "$tests"
