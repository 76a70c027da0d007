#!/usr/bin/env bash
# The newcomer's command: set up, build the patched kernel, boot it and run
# the workload in guest/bench, then print what it measured.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
S=$(dirname "$0")
t0=$SECONDS
"$S/deps.sh"
"$S/base.sh"
"$S/tree.sh"
"$S/build.sh" s390 "$TOP/configs/base.config" "$TOP/configs/debug.config"
if ! "$S/guest-run.sh" demo 2 bench; then
	die "the demo workload failed; console log: $LOGS/demo.log"
fi
echo
echo "== Patched kernel: $(cat "$BUILD/base-version") + $(git -C "$LINUX" rev-list --count base..series) patches"
echo "== Workload (guest/bench/mm_ops.c) at -smp 2, QEMU TCG guest clock:"
grep -a '^BENCH ' "$LOGS/demo.log" | sed 's/^BENCH /   /'
echo "== Done in $((SECONDS - t0)) s. Console log: $LOGS/demo.log"
