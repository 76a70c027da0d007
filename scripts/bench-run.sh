#!/usr/bin/env bash
# Run guest/bench/mm_bench on one kernel, three times:
# - counts: -smp 2, settings 1 and 2 CPUs: the invalidation counters;
# - cost:   -smp 1 with -icount shift=0, so the guest clock counts executed
#           guest instructions (-smp 2 under icount hangs at boot on QEMU 7.2);
# - cost2:  -smp 2, settings 1 and 2 CPUs, with the QEMU plugin of
#           tools/insn-count.c counting the instructions of the vCPU that ran
#           each operation; its counts become the <instructions> column.
# usage: bench-run.sh <label> <kernel build dir> [extra kernel command line]
# env: BENCH_PAGES (default 1,16,256,4096), BENCH_REPS (cost runs, default 5),
#      BENCH_COUNT_REPS (count runs, default 3)
# Writes build/results/<label>-counts.txt, <label>-cost.txt and
# <label>-cost2.txt (BENCH lines).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ $# -ge 2 ] || die "usage: bench-run.sh <label> <kernel build dir> [kernel command line]"
label=$1 kdir=$2 extra=${3:-}
"$(dirname "$0")/bench-options.sh"
pages=${BENCH_PAGES:-1,16,256,4096}
# What mm_bench runs by default, and reclaim, which it runs only when named
# (it sets up swap and a cgroup: fine in the guest, not on a user's machine).
ops=default,reclaim,reclaim_mglru
results=$BUILD/results
mkdir -p "$results"
# Built first: a missing compiler should not wait for the other runs.
plugin=$("$(dirname "$0")/plugin-build.sh" insn-count)
insn=$results/$label-cost2.insn
# QEMU splits -plugin's argument at commas.
[[ "$plugin$insn" != *,* ]] || die "a comma in $plugin or $insn breaks QEMU's -plugin option"

run() {
	local mode=$1 smp=$2 cpus=$3 reps=$4
	local name=bench-$label-$mode
	echo "bench[$label]: $mode run (-smp $smp, pages $pages, $reps reps)"
	if ! KERNEL_DIR=$kdir GUEST_TIMEOUT=${GUEST_TIMEOUT:-1200} \
	     GUEST_APPEND="bench.pages=$pages bench.cpus=$cpus bench.reps=$reps bench.ops=$ops $extra" \
	     "$(dirname "$0")/guest-run.sh" "$name" "$smp" bench; then
		die "benchmark run '$name' failed; console log: $LOGS/$name.log.txt"
	fi
	# The bench kernels have all mm_bench needs (configs/base.config,
	# reclaim.config): an operation it skipped is missing from the table,
	# so it is an error.
	if grep -a '^mm_bench: .* skipped: ' "$LOGS/$name.log.txt" >&2; then
		die "benchmark run '$name' skipped operations (above); console log: $LOGS/$name.log.txt"
	fi
	grep -a '^BENCH ' "$LOGS/$name.log.txt" >"$results/$label-$mode.txt" ||
		die "no BENCH lines in $LOGS/$name.log.txt"
}

run counts 2 1,2 "${BENCH_COUNT_REPS:-3}"
QEMU_EXTRA="-accel tcg,thread=single -icount shift=0" run cost 1 1 "${BENCH_REPS:-5}"
rm -f "$insn"
QEMU_EXTRA="-plugin $plugin,out=$insn" run cost2 2 1,2 "${BENCH_REPS:-5}"
"$(dirname "$0")/bench-insn-merge.py" "$results/$label-cost2.txt" "$insn" >"$results/$label-cost2.merged" ||
	die "cannot pair the plugin's counts in $insn with the BENCH lines of $LOGS/bench-$label-cost2.log.txt"
mv "$results/$label-cost2.merged" "$results/$label-cost2.txt"
