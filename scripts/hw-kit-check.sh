#!/usr/bin/env bash
# The hardware kit's pipeline in the QEMU guest: its mm_bench on a
# baseline and a patched kernel of the same config (all operations, 1 and
# 256 pages, the mm on 1 and 2 CPUs), each kernel's BENCH lines turned
# into a CSV by the kit's summarize.awk, the two CSVs into the table by
# its compare.sh. Passes when both CSVs have every case, the table has
# every case, and the patched kernel issues fewer invalidating
# instructions than the baseline for mprotect of 256 pages on 2 CPUs.
# usage: hw-kit-check.sh <baseline kernel build dir> <patched kernel build dir> [label]
# The label (default hw-kit) names the results directory and the logs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
S=$(dirname "$0")
[ $# -eq 2 ] || [ $# -eq 3 ] ||
	die "usage: hw-kit-check.sh <baseline kernel dir> <patched kernel dir> [label]"
name=${3:-hw-kit}
ops=fault,fork,fork_thp,mprotect,sparse,munmap,mremap,dontneed,cold,pageout,free,pagemap_scan,clear_refs1,clear_refs4,exit
pages=1,256 cpus=1,2
count() { tr , '\n' <<<"$1" | grep -c -v '^fork_thp$'; }
# Every operation but fork_thp, at each size and setting.
cases=$(($(count "$ops") * $(count "$pages") * $(count "$cpus")))
out=$BUILD/results/$name
mkdir -p "$out"
rm -f "$out"/*

"$S/hw-kit.sh" >/dev/null
kit=$BUILD/hw-kit/hw-kit
problems=()
for side in baseline patched; do
	kdir=$1
	[ "$side" = patched ] && kdir=$2
	[ -f "$kdir/arch/s390/boot/bzImage" ] ||
		die "no kernel in $kdir: build it first (make selftests builds both of check-full; make check builds s390 and s390-baseline)"
	label=$name-$side
	KERNEL_DIR=$kdir GUEST_TIMEOUT=900 \
	GUEST_APPEND="bench.pages=$pages bench.cpus=$cpus bench.reps=3 bench.ops=$ops" \
		"$S/guest-run.sh" "$label" 2 bench ||
		problems+=("the $side run failed (see $LOGS/$label.log.txt)")
	{
		echo "# kernel=$side machine=qemu hypervisor=tcg facility13=no cpus_online=2"
		echo "# cmdline=(QEMU guest of scripts/hw-kit-check.sh)"
		grep -a '^BENCH ' "$LOGS/$label.log.txt" | awk -f "$kit/summarize.awk"
	} >"$out/$side.csv"
	# fork_thp runs only where the guest gets THP for the region.
	rows=$(grep -c -v -E '^(#|op,|fork_thp,)' "$out/$side.csv" || true)
	[ "$rows" -eq "$cases" ] || problems+=("$side.csv has $rows cases without fork_thp, not $cases")
done

if "$kit/compare.sh" "$out/baseline.csv" "$out/patched.csv" >"$out/table.txt" 2>&1; then
	cat "$out/table.txt"
	rows=$(grep -c -E '^[a-z_0-9]+ +[0-9]+ +[12] ' "$out/table.txt" || true)
	[ "$rows" -ge "$cases" ] || problems+=("the table has $rows cases, not at least $cases")
	inv() { awk -F, '$1 == "mprotect" && $2 == 256 && $3 == 2 { print $11 + $12 + $13 }' "$1"; }
	b=$(inv "$out/baseline.csv") p=$(inv "$out/patched.csv")
	[ -n "$b" ] && [ -n "$p" ] && [ "$p" -lt "$b" ] ||
		problems+=("mprotect of 256 pages on 2 CPUs: $p invalidating instructions patched, $b baseline; expected fewer")
else
	problems+=("compare.sh failed: $(head -n 3 "$out/table.txt")")
fi

verdict "$name" "CSVs and table in $out" "$out"
