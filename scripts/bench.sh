#!/usr/bin/env bash
# 'make bench': build the baseline kernel (base + the purge counters of
# series/measure/) and the patched kernel (series + the same counters)
# from the same config, run guest/bench/mm_bench on each,
# then print the comparison table
# and write build/results/bench.csv and bench.png.
# env: BENCH_PAGES, BENCH_REPS, BENCH_COUNT_REPS (see bench-run.sh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
S=$(dirname "$0")
configs=("$TOP/configs/base.config"
	 "$TOP/configs/measure.config"
	 "$TOP/configs/reclaim.config")
t0=$SECONDS

"$S/bench-options.sh"
"$S/deps.sh"
"$S/base.sh"
"$S/tree.sh"
"$S/measure-trees.sh"
echo "bench: [1/4] building the baseline kernel"
SRC=$BASELINE "$S/build.sh" bench-baseline "${configs[@]}"
echo "bench: [2/4] building the patched kernel"
SRC=$MEASURED "$S/build.sh" bench-patched "${configs[@]}"
rm -f "$BUILD"/results/*.txt
echo "bench: [3/4] baseline kernel"
"$S/bench-run.sh" baseline "$BUILD/bench-baseline"
echo "bench: [4/4] patched kernel"
"$S/bench-run.sh" patched "$BUILD/bench-patched"
echo
echo "== $(cat "$BUILD/base-version"): baseline = base, patched = base + $(git -C "$LINUX" rev-list --count base..series) patches, both with the purge counters of series/measure/; QEMU TCG"
"$S/bench-report.py" "$BUILD/results" | tee "$BUILD/results/bench.txt"
echo "== bench took $((SECONDS - t0)) s; table also in $BUILD/results/bench.txt"
