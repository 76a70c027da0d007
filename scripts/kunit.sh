#!/usr/bin/env bash
# Run KUnit under QEMU with the series' .kunitconfig files and the
# workbench's configs/<arch>.kunitconfig (kunit_configs). Fails on any
# failed or crashed test and on any suite of configs/kunit-suites.txt that
# did not run.
# usage: kunit.sh [arch [extra config fragment...]]
#   arch: s390 by default; arm64 for the generic suite. Extra fragments
#   (e.g. configs/debug-full.config) go into a build of their own, and the
#   results are labelled kunit-<arch>-<fragment name>.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
arch=${1:-s390}
shift $(($# > 0 ? 1 : 0))
label=kunit-$arch
extra=()
for f in "$@"; do
	[ -f "$f" ] || die "config fragment $f not found"
	extra+=(--kunitconfig="$(realpath "$f")")
	label+=-$(basename "$f" .config)
done
# Two CPUs: an address space attached to more than one CPU (init_mm, or a
# test mm) is what the s390 batch serves.
qemu_args="-smp 2"
cross=$(kunit_cross "$arch")
kunit_config_args "$arch"
suites=$TOP/configs/kunit-suites-$arch.txt
[ -f "$suites" ] || die "missing $suites"
out=$BUILD/$label
log=$LOGS/$label.log
json=$out/results.json
mkdir -p "$out"
rm -f "$json"
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}

echo "$label: building and running (log: $log)"
start=$SECONDS
rc=0
(cd "$LINUX" && python3 tools/testing/kunit/kunit.py run --arch="$arch" \
	${cross:+--cross_compile="$cross"} --make_options="CC=ccache ${cross}gcc" \
	--build_dir="$out" "${kunit_args[@]}" "${extra[@]}" \
	--qemu_args="$qemu_args" --jobs="$JOBS" --timeout=900 --json="$json") >"$log" 2>&1 || rc=$?
echo "$label: kunit.py exited $rc after $((SECONDS - start)) s"
if [ ! -s "$json" ]; then
	grep -E -m 30 'error:|ERROR|Error|undefined reference' "$log" >&2 || tail -n 30 "$log" >&2
	record FAIL "$label" "no results (build or boot failed, see $log)"
	exit 1
fi

"$(dirname "$0")/kunit-verdicts.py" "$json" "$suites" "$label" >"$out/verdicts" || rc=1
"$(dirname "$0")/kernel-reports.sh" "$out/test.log" "$label" || rc=1
while read -r verdict name rest; do
	record "$verdict" "$name" "$rest"
done <"$out/verdicts"
if [ $rc -ne 0 ]; then
	grep -a -E -m 20 'not ok|FAILED|CRASHED|# .*FAIL' "$log" | sed 's/^/    /' >&2 || true
	echo "kunit[$arch]: failed; full log: $log" >&2
fi
exit $rc
