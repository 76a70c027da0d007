#!/usr/bin/env bash
# Run the kernel's mm selftests (configs/mm-selftests.txt) on the baseline
# kernel (base + the purge counters) and on the patched kernel, both
# built with base.config + measure.config + mm-selftests.config, at -smp 2.
# Prints one table and fails on any test that passes on the baseline and
# does not on the patched kernel.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
S=$(dirname "$0")
list=$TOP/configs/mm-selftests.txt
frags=("$TOP/configs/base.config" "$TOP/configs/measure.config"
       "$TOP/configs/mm-selftests.config")
results=$BUILD/results
mkdir -p "$results"

"$S/selftests-build.sh"
"$S/measure-trees.sh"
SRC=$BASELINE "$S/build.sh" selftests-baseline "${frags[@]}"
SRC=$MEASURED "$S/build.sh" selftests-patched "${frags[@]}"

# The selftests go into a second cpio archive; the kernel unpacks both.
"$S/initramfs.sh" >/dev/null
out=$BUILD/selftests-mm
cpio_list=$BUILD/guest/selftests.list
{
	echo "dir /mm-selftests 0755 0 0"
	echo "file /mm-selftests/LIST $list 0644 0 0"
	grep -v -E '^\s*(#|$)' "$list" | awk '{print $2}' | sort -u |
		while read -r p; do
			echo "file /mm-selftests/$p $out/$p 0755 0 0"
		done
} >"$cpio_list"
"$BUILD/gen_init_cpio" "$cpio_list" >"$BUILD/guest/selftests.cpio" ||
	die "gen_init_cpio failed for the selftests"
cat "$BUILD/guest/initramfs.cpio" "$BUILD/guest/selftests.cpio" \
	>"$BUILD/guest/initramfs-selftests.cpio"

bad=0
for k in baseline patched; do
	echo "selftests: running on the $k kernel"
	INITRD=$BUILD/guest/initramfs-selftests.cpio KERNEL_DIR=$BUILD/selftests-$k \
	GUEST_TIMEOUT=${SELFTESTS_TIMEOUT:-7200} \
		"$S/guest-run.sh" "selftests-$k" 2 selftests || bad=1
done

python3 - "$list" "$LOGS/selftests-baseline.log.txt" \
	"$LOGS/selftests-patched.log.txt" <<'P' | tee "$results/selftests.txt" || bad=1
import re, sys
labels = [l.split()[0] for l in open(sys.argv[1])
          if l.strip() and not l.lstrip().startswith("#")]
def results(path):
    r = {}
    for line in open(path, errors="replace"):
        m = re.match(r"SELFTEST (\S+) (pass|skip|fail|timeout|crash) rc=(-?\d+) time=([\d.]+)", line)
        if m:
            r[m.group(1)] = (m.group(2), float(m.group(4)))
    return r
base, patched = results(sys.argv[2]), results(sys.argv[3])
print(f"{'test':24} {'baseline':>16} {'patched':>16}")
regressions = []
for l in labels:
    b = base.get(l, ("missing", 0))
    p = patched.get(l, ("missing", 0))
    note = ""
    if b[0] == "pass" and p[0] != "pass":
        regressions.append(l)
        note = "  <-- REGRESSION"
    elif b[0] != p[0]:
        note = "  (differs)"
    print(f"{l:24} {b[0]:>8} {b[1]:6.1f}s {p[0]:>8} {p[1]:6.1f}s{note}")
for name, r in (("baseline", base), ("patched", patched)):
    counts = {}
    for v, _ in r.values():
        counts[v] = counts.get(v, 0) + 1
    print(f"{name}: " + ", ".join(f"{n} {v}" for v, n in sorted(counts.items())))
if regressions:
    print("FAIL selftests: pass on the baseline, not on the patched kernel: " + ", ".join(regressions))
    sys.exit(1)
print("PASS selftests: no test passes on the baseline and not on the patched kernel")
P
echo "selftests: table in $results/selftests.txt; why a test did not pass: its output in the console logs"
exit $bad
