#!/usr/bin/env bash
# The whole test run, as CI runs it: setup, tree, checkpatch, kernel-doc,
# htmldocs of the touched Documentation/ against the base,
# the Coccinelle check of fast PTE range sections (and its self-test),
# the hardware kit's host-side scripts on known input, make mail with a
# test identity (and its refusals), s390 build, KUnit
# on s390, boot tests, the hardware kit's benchmark on a baseline and the
# test kernel, KUnit on arm64 and compiles of the touched generic
# files for x86_64, arm64 and powerpc. Ends with "N passed, N failed".
# CHECK_FULL=1 (make check-full) runs, after setup and tree, what make
# check does not: a KASAN/page-table-check kernel
# (configs/debug-full.config) with the KUnit suites built in, booted at
# -smp 2 and 4 to run them and the guest tests, a KASAN KUnit boot for
# direct accesses to pending PTEs, the kernel's mm selftests
# on the baseline and the patched kernel and the hardware kit's benchmark
# on the same two kernels, and long race runs (FULL_RACE_ITERS, 30000)
# and a long stress at -smp 2 and 4 on the patched production-config
# kernel; CPU hotplug under the stress at -smp 2, and at -smp 4 under
# single-threaded TCG. It does not repeat make check: run both.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
S=$(dirname "$0")
export RESULTS=$BUILD/check-results
: >"$RESULTS"
t0=$SECONDS

# stage <name> <blocking:yes|no> <command...>
stage() {
	local name=$1 blocking=$2
	shift 2
	echo "=== $name"
	local t=$SECONDS
	if "$@"; then
		record PASS "stage/$name" >/dev/null
		echo "=== $name: ok ($((SECONDS - t)) s)"
		return 0
	fi
	record FAIL "stage/$name" >/dev/null
	echo "=== $name: FAILED ($((SECONDS - t)) s)"
	if [ "$blocking" = yes ]; then
		finish
	fi
	return 1
}

finish() {
	local p f
	p=$(grep -c '^PASS ' "$RESULTS")
	f=$(grep -c '^FAIL ' "$RESULTS")
	if [ "$f" -gt 0 ]; then
		echo "failed:"
		grep '^FAIL ' "$RESULTS" | sed 's/^FAIL /  /'
	fi
	echo "check took $((SECONDS - t0)) s"
	echo "$p passed, $f failed"
	[ "$f" -eq 0 ]
	exit
}

# Options first: a bad count must not fail after hours of builds.
if [ "${CHECK_FULL:-0}" = 1 ]; then
	for v in FULL_RACE_ITERS FULL_STRESS_STEPS FULL_HOTPLUG_STEPS; do
		[[ "${!v:-1}" =~ ^[1-9][0-9]*$ ]] ||
			die "$v=${!v} is not a positive whole number"
	done
fi
stage setup yes "$S/deps.sh"
stage base yes "$S/base.sh"
stage tree yes "$S/tree.sh"
tests=("$TOP/configs/base.config" "$TOP/configs/debug.config"
       "$TOP/configs/measure.config")
# Each -smp runs what it adds: the functional tests at 1 and 2 CPUs, the
# races and the stress at 2 and 4 (make check-full runs all at 2 and 4).
boot_tests() {
	local bad=0
	GUEST_ONLY="ipte_counts mm_basic mm_madvise" "$S/boot-test.sh" 1 || bad=1
	"$S/boot-test.sh" 2 || bad=1
	GUEST_ONLY="race_fork race_mprotect race_mremap race_munmap race_zap_store stress_mm" \
		"$S/boot-test.sh" 4 || bad=1
	return $bad
}
# The kernels that boot: base and series, each with the purge counters.
build_measured() {
	"$S/measure-trees.sh" && SRC=$MEASURED "$S/build.sh" s390 "${tests[@]}"
}
build_baseline() {
	"$S/measure-trees.sh" && SRC=$BASELINE "$S/build.sh" s390-baseline "${tests[@]}"
}
if [ "${CHECK_FULL:-0}" != 1 ]; then
	stage checkpatch no "$S/checkpatch.sh"
	stage kernel-doc no "$S/kerneldoc.sh"
	stage docs no "$S/docs-build.sh"
	stage lazy-mmu-static-selftest no "$S/lazy-mmu-static.sh" --self-test
	stage lazy-mmu-static no "$S/lazy-mmu-static.sh"
	stage hw-kit-selftest no "$S/hw-kit-selftest.sh"
	stage mail no "$S/mail-check.sh"
	stage build yes build_measured
	stage kunit-s390 no "$S/kunit.sh" s390
	stage kunit-s390-sleep-report no "$S/kunit-sleep-report.sh" s390
	stage kunit-s390-rerun no "$S/kunit-rerun.sh"
	GUEST_TIMEOUT=1800 stage boot-test no boot_tests
	# The hardware kit's pipeline: its benchmark on the baseline (base +
	# the purge counters) and the test kernel, CSVs, the compare table.
	stage build-baseline no build_baseline
	stage hw-kit-guest no "$S/hw-kit-check.sh" "$BUILD/s390-baseline" \
		"$BUILD/s390" hw-kit-guest
	stage kunit-arm64 no "$S/kunit.sh" arm64
	stage kunit-arm64-sleep-report no "$S/kunit-sleep-report.sh" arm64
	for a in x86_64 arm64 powerpc; do
		stage "cross-$a" no "$S/cross-build.sh" "$a"
	done
else
	# The KUnit suites are built into the debug-full kernel and run at
	# each of its boots: KUnit under the whole debug configuration, and
	# one KASAN build instead of two.
	build_debug_full() {
		local full=("${tests[@]}" "$TOP/configs/debug-full.config") kc
		"$S/measure-trees.sh" && kc=$(kunit_configs s390 "$MEASURED") || return 1
		mapfile -t -O ${#full[@]} full <<<"$kc"
		SRC=$MEASURED "$S/build.sh" s390-debug-full "${full[@]}"
	}
	# QEMU 7.2's multi-threaded TCG deadlocks (a SIGP waiting on a vCPU
	# that waits for exclusive work) when CPUs go offline and online at
	# -smp 4, on the base kernel as well: hotplug runs at -smp 2 there,
	# and at -smp 4 under single-threaded TCG only.

	# debug_full_run <smp> [command line]
	debug_full_run() {
		KERNEL_DIR=$BUILD/s390-debug-full BOOT_LABEL=full GUEST_TIMEOUT=3600 \
		GUEST_APPEND="${2:-}" "$S/boot-test.sh" "$1"
	}
	# long_run <label> <smp> <programs> <command line> [QEMU options]
	long_run() {
		KERNEL_DIR=$BUILD/selftests-patched BOOT_LABEL=$1 GUEST_TIMEOUT=7200 \
		GUEST_ONLY=$3 GUEST_APPEND=$4 QEMU_EXTRA=${5:-} "$S/boot-test.sh" "$2"
	}
	if stage build-debug-full no build_debug_full; then
		stage boot-test-debug-full-smp2 no debug_full_run 2 stress.hotplug=1
		stage kunit-s390-debug-full-smp2 no "$S/kunit-boot.sh" \
			kunit-s390-debug-full-smp2 "$LOGS/full-smp2.log"
		stage boot-test-debug-full-smp4 no debug_full_run 4
		stage kunit-s390-debug-full-smp4 no "$S/kunit-boot.sh" \
			kunit-s390-debug-full-smp4 "$LOGS/full-smp4.log"
	fi
	# Direct reads and writes of pending PTEs are KASAN reports.
	stage kunit-s390-raw-access no "$S/kunit-raw-access.sh"
	# Builds the production-config patched kernel the long runs use.
	stage selftests no "$S/selftests.sh"
	# The hardware kit's benchmark, CSVs and compare on those two kernels.
	stage hw-kit no "$S/hw-kit-check.sh" "$BUILD/selftests-baseline" "$BUILD/selftests-patched"
	# Without the debug options a race iteration is 3-5x faster under
	# TCG, and the race windows are those of a production kernel.
	n=${FULL_RACE_ITERS:-30000}
	long="race.iters=$n race.forks=$n stress.steps=${FULL_STRESS_STEPS:-2000}"
	races="race_fork race_mprotect race_mremap race_munmap stress_mm"
	stage boot-test-long-smp2 no long_run long 2 "$races" "$long stress.hotplug=1"
	stage boot-test-long-smp4 no long_run long 4 "$races" "$long"
	stage hotplug-smp4 no long_run hotplug 4 stress_mm \
		"stress.steps=${FULL_HOTPLUG_STEPS:-200} stress.hotplug=1" \
		"-accel tcg,thread=single"
	# Every patch on its own (a full s390 build per patch).
	stage bisect no "$S/bisect.sh"
fi
finish
