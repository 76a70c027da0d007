#!/usr/bin/env bash
# Where the guest instructions of one mm_bench operation go: boots a bench
# kernel at -smp 2 with the insn-profile plugin and prints, per function,
# the instructions executed between mm_bench's markers, per repetition.
# usage: bench-profile.sh <kernel build dir> <op> <pages> <cpus> [reps]
#   e.g. bench-profile.sh build/bench-patched mprotect 4096 2
# The kernel boots with nokaslr so that its addresses are System.map's.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ $# -ge 4 ] && [ $# -le 5 ] ||
	die "usage: bench-profile.sh <kernel build dir> <op> <pages> <cpus> [reps]"
kdir=$1 op=$2 pages=$3 cpus=$4 reps=${5:-3}
[[ "$op" =~ ^[a-z_0-9]+$ ]] || die "op '$op': one mm_bench operation (mm_bench --help lists them)"
for v in "$pages" "$cpus" "$reps"; do
	[[ "$v" =~ ^[1-9][0-9]*$ ]] || die "'$v' is not a positive number (one value each for pages, cpus, reps)"
done
[ "$cpus" -le 2 ] || die "cpus $cpus: the guest has 2 CPUs"
[ -f "$kdir/System.map" ] || die "no $kdir/System.map: build the kernel first (make bench builds build/bench-*)"
plugin=$("$(dirname "$0")/plugin-build.sh" insn-profile)
label=profile-$(basename "$kdir")-$op-$pages-$cpus
prof=$BUILD/results/$label.prof
mkdir -p "$BUILD/results"
rm -f "$prof"
[[ "$plugin$prof" != *,* ]] || die "a comma in $plugin or $prof breaks QEMU's -plugin option"
KERNEL_DIR=$kdir GUEST_TIMEOUT=${GUEST_TIMEOUT:-1200} \
	GUEST_APPEND="nokaslr bench.pages=$pages bench.cpus=$cpus bench.reps=$reps bench.ops=$op" \
	QEMU_EXTRA="-plugin $plugin,out=$prof" \
	"$(dirname "$0")/guest-run.sh" "$label" 2 bench ||
	die "the profiling run failed; console log: $LOGS/$label.log.txt"
windows=$(grep -ac "^BENCH $op $pages $cpus " "$LOGS/$label.log.txt") || true
[ "$windows" -eq "$reps" ] ||
	die "$windows BENCH lines for $op/$pages/$cpus in $LOGS/$label.log.txt, expected $reps"
[ -s "$prof" ] && ! grep -q PROFILE-ERROR "$prof" ||
	die "no complete profile in $prof"
base=$(sed -n 's/^CONFIG_KERNEL_IMAGE_BASE=//p' "$kdir/.config")
[ -n "$base" ] || die "no CONFIG_KERNEL_IMAGE_BASE in $kdir/.config: cannot map addresses to functions"
"$(dirname "$0")/bench-profile-report.py" "$kdir/System.map" "$prof" "$reps" "$base" |
	tee "$BUILD/results/$label.txt"
