#!/usr/bin/env bash
# The generic "fast-range sections do not sleep" check at work: boot the
# KUnit kernel that 'kunit.sh <arch>' built once more, with
# lazy_mmu_mode_kunit.sleep_report=1, and run only the case that sleeps
# inside a fast-range section on purpose. It passes when the console holds
# exactly the report CONFIG_DEBUG_ATOMIC_SLEEP gives for that sleep (a
# non-blocking section, in the case's call trace) and nothing else.
# usage: kunit-sleep-report.sh [arch]    (s390 by default, or arm64)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
arch=${1:-s390}
cross=$(kunit_cross "$arch")
case_name=lazy_mmu_mode_fast_sleep_reported
label=kunit-$arch-sleep-report
out=$BUILD/kunit-$arch
log=$LOGS/$label.log
[ -f "$out/.config" ] || die "no KUnit build in $out: run 'scripts/kunit.sh $arch' first"
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}
kunit_config_args "$arch"

echo "$label: booting the kunit-$arch kernel for $case_name (log: $log)"
(cd "$LINUX" && python3 tools/testing/kunit/kunit.py run --arch="$arch" \
	--cross_compile="$cross" --make_options="CC=ccache ${cross}gcc" \
	--build_dir="$out" "${kunit_args[@]}" \
	--qemu_args="-smp 2" --jobs="$JOBS" --timeout=300 --raw_output=all \
	--kernel_args=lazy_mmu_mode_kunit.sleep_report=1 \
	"lazy_mmu_mode.$case_name") >"$log" 2>&1 || true

problems=()
grep -a -q -E "^ *ok [0-9]+ $case_name\$" "$log" ||
	problems+=("the case did not run and pass (skipped, failed or missing)")
# might_sleep() says "sleeping function called from invalid context ...
# non_block: 1" (the case calls it, as sleeping functions do), schedule()
# "scheduling in a non-blocking section" unless the sleep's timer has
# already expired: one or both.
bug='BUG: (sleeping function called from invalid context|scheduling in a non-blocking section)'
reports=$(grep -a -c -E "$bug" "$log" || true)
[ "$reports" -ge 1 ] && [ "$reports" -le 2 ] ||
	problems+=("$reports sleep-in-atomic reports, not 1 or 2")
grep -a -q -E 'non_block: 1|scheduling in a non-blocking section' "$log" ||
	problems+=("the report does not name a non-blocking section")
grep -a -q "$case_name+" "$log" ||
	problems+=("no call trace through $case_name")
# Anything else a kernel can report is a failure, as in every other log.
others=$(grep -a -n -E "$KERNEL_REPORTS" "$log" | grep -v -E "$bug|Call Trace:" || true)
[ -z "$others" ] || problems+=("other reports: $(echo "$others" | sed -n 1,5p)")

verdict "$label" "the sleep was reported, and nothing else" "$log"
