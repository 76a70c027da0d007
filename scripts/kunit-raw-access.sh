#!/usr/bin/env bash
# The run-time check for PTE accesses that bypass the s390 lazy MMU batch
# (CONFIG_S390_DEBUG_LAZY_MMU) at work: build the s390 KUnit kernel with
# KASAN and that option (build/kunit-s390-kasan), boot it with
# lazy_mmu.raw_access_report=1 kasan_multi_shot and run only the case
# whose scratch walkers read and write a pending entry directly. It passes
# when the case passes (it sees both KASAN reports, and none for the
# accessors) and the console holds exactly those two reports, each in its
# walker, and nothing else.
# usage: kunit-raw-access.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
case_name=lazy_mmu_test_raw_access_reported
label=kunit-s390-raw-access
out=$BUILD/kunit-s390-kasan
log=$LOGS/$label.log
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}
kunit_config_args s390

echo "$label: building the KASAN KUnit kernel and running $case_name (log: $log)"
start=$SECONDS
(cd "$LINUX" && python3 tools/testing/kunit/kunit.py run --arch=s390 \
	--cross_compile=s390x-linux-gnu- --make_options="CC=ccache s390x-linux-gnu-gcc" \
	--build_dir="$out" "${kunit_args[@]}" \
	--kconfig_add CONFIG_KASAN=y --kconfig_add CONFIG_KASAN_GENERIC=y \
	--kconfig_add CONFIG_KASAN_INLINE=y --kconfig_add CONFIG_S390_DEBUG_LAZY_MMU=y \
	--qemu_args="-smp 2" --jobs="$JOBS" --timeout=600 --raw_output=all \
	--kernel_args="lazy_mmu.raw_access_report=1 kasan_multi_shot" \
	"s390_lazy_mmu.$case_name") >"$log" 2>&1 || true
echo "$label: done after $((SECONDS - start)) s"

problems=()
grep -a -q -E "^ *ok [0-9]+ $case_name\$" "$log" ||
	problems+=("the case did not run and pass (skipped, failed or missing)")
bug='BUG: KASAN: unknown-crash in raw_(read|write)_walker'
[ "$(grep -a -c -E "$bug" "$log" || true)" -eq 2 ] ||
	problems+=("not exactly two KASAN reports in the scratch walkers")
grep -a -A1 -E 'BUG: KASAN: unknown-crash in raw_read_walker' "$log" |
	grep -a -q 'Read of size 8' || problems+=("no report of the 8-byte read")
grep -a -A1 -E 'BUG: KASAN: unknown-crash in raw_write_walker' "$log" |
	grep -a -q 'Write of size 8' || problems+=("no report of the 8-byte write")
# Anything else a kernel can report is a failure, as in every other log.
others=$(grep -a -n -E "$KERNEL_REPORTS" "$log" | grep -v -E "$bug|Call Trace:" || true)
[ -z "$others" ] || problems+=("other reports: $(echo "$others" | sed -n 1,5p)")

verdict "$label" "both direct accesses were KASAN reports, and nothing else" "$log"
