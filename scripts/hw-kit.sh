#!/usr/bin/env bash
# 'make hw-kit': build/hw-kit.tar.gz for measuring on IBM Z: the
# benchmark mm_bench (guest/bench/mm_bench.c, the program 'make bench' runs
# in QEMU) as a static s390x binary, hw-kit/ (run and compare scripts,
# README.md) and the measurement patches of series/measure/ (the purge
# counters both kernels need for the invalidation columns).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
"$(dirname "$0")/deps.sh"
stage=$BUILD/hw-kit
rm -rf "$stage"
mkdir -p "$stage/hw-kit/measure"
make -s -C "$TOP/guest" O="$BUILD/guest" "$BUILD/guest/bench/mm_bench" ||
	die "cannot build mm_bench (needs s390x-linux-gnu-gcc: make setup)"
cp "$BUILD/guest/bench/mm_bench" "$TOP"/hw-kit/* "$stage/hw-kit/"
cp "$TOP"/series/measure/* "$stage/hw-kit/measure/"
# No program interpreter: static, it runs on any s390x Linux.
! s390x-linux-gnu-readelf -l "$stage/hw-kit/mm_bench" | grep -q INTERP ||
	die "mm_bench is not a static binary"
tar -C "$stage" --owner=0 --group=0 -czf "$BUILD/hw-kit.tar.gz" hw-kit
echo "hw-kit: $BUILD/hw-kit.tar.gz ($(tar -tzf "$BUILD/hw-kit.tar.gz" | tr '\n' ' '))"
