#!/usr/bin/env bash
# Build an s390 kernel from build/linux into build/<name>.
# usage: build.sh <name> <config fragment>...
# env: SRC (kernel source tree, default build/linux)
# The config is kunit's s390 base plus the fragments; every option they
# request must end up in the final .config.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ $# -ge 1 ] || die "usage: build.sh <name> <config fragment>..."
name=$1
shift
need_tree
src=$(realpath "${SRC:-$LINUX}")
out=$BUILD/$name
log=$LOGS/build-$name.log
mkdir -p "$out"
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}
MAKE=(make -C "$src" O="$out" ARCH=s390 CROSS_COMPILE="$CROSS_COMPILE"
      CC="ccache ${CROSS_COMPILE}gcc" -j"$JOBS")

# kunit's s390 base config lives in a Python file; take its kconfig string.
python3 - "$src/tools/testing/kunit/qemu_configs/s390.py" >"$out/kunit-base.config" <<'P'
import re, sys
m = re.search(r"kconfig='''(.*?)'''", open(sys.argv[1]).read(), re.S)
if not m:
    sys.exit("cannot find the kconfig string in " + sys.argv[1])
print(m.group(1).strip())
P

frags=("$out/kunit-base.config")
for f in "$@"; do
	[ -f "$f" ] || die "config fragment $f not found"
	frags+=("$(realpath "$f")")
done

# Reconfigure only when a fragment changed, so warm builds stay incremental.
cat "${frags[@]}" >"$out/fragments.new"
if ! cmp -s "$out/fragments.new" "$out/fragments" || [ ! -f "$out/.config" ]; then
	echo "build[$name]: configuring from ${*:-kunit base}"
	rm -f "$out/.config"
	(cd "$out" && KCONFIG_CONFIG=.config "$src/scripts/kconfig/merge_config.sh" \
		-m -O "$out" "${frags[@]}") >"$LOGS/config-$name.log" 2>&1 ||
		die "merging config fragments failed (see $LOGS/config-$name.log)"
	run_logged "$LOGS/config-$name.log" "${MAKE[@]}" olddefconfig ||
		die "make olddefconfig failed"
	mv "$out/fragments.new" "$out/fragments"
fi
rm -f "$out/fragments.new"

# A silently dropped option (unmet dependency, typo) is an error.
"$(dirname "$0")/config-verify.sh" "$out/.config" "${frags[@]}"

echo "build[$name]: compiling (log: $log)"
start=$SECONDS
"${MAKE[@]}" bzImage >"$log" 2>&1 &
pid=$!
while kill -0 $pid 2>/dev/null; do
	sleep 20
	kill -0 $pid 2>/dev/null &&
		echo "build[$name]: $(grep -c -E '^\s+(CC|AS|LD|AR)\b' "$log" || true) steps, $((SECONDS - start)) s"
done
if ! wait $pid; then
	echo "--- errors from $log:" >&2
	grep -E -m 40 '(error:|Error [0-9]|undefined reference|\*\*\*)' "$log" >&2 || tail -n 30 "$log" >&2
	die "s390 kernel build '$name' failed"
fi
grep -E 'warning:' "$log" >"$LOGS/build-$name.warnings" || true
echo "build[$name]: done in $((SECONDS - start)) s, $(wc -l <"$LOGS/build-$name.warnings") compiler warnings -> $out/arch/s390/boot/bzImage"
