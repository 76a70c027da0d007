#!/usr/bin/env bash
# Boot one QEMU s390x guest on the initramfs and judge its console log.
# usage: guest-run.sh <label> <smp> <tests|bench|kunit>
# env: KERNEL_DIR (default build/s390), GUEST_TIMEOUT (s, default 600),
#      GUEST_APPEND (extra kernel command line), GUEST_ONLY (run only
#      these programs, space-separated), QEMU_EXTRA (extra QEMU options,
#      e.g. the icount setup of the benchmark), INITRD (default: the
#      initramfs of scripts/initramfs.sh, which is rebuilt either way)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ $# -eq 3 ] || die "usage: guest-run.sh <label> <smp> <tests|bench|kunit>"
label=$1 smp=$2 dir=$3
kdir=${KERNEL_DIR:-$BUILD/s390}
kernel=$kdir/arch/s390/boot/bzImage
[ -f "$kernel" ] || die "no kernel at $kernel; run 'make build' first"
command -v qemu-system-s390x >/dev/null || die "qemu-system-s390x missing; run 'make setup'"
limit=${GUEST_TIMEOUT:-600}
# A kernel with page poisoning checks every page it hands out for stores
# made after it was freed (through a stale TLB entry, say): the tests
# turn it on.
poison=
if [ "$dir" = tests ] && grep -q '^CONFIG_PAGE_POISONING=y' "$kdir/.config" 2>/dev/null; then
	poison=page_poison=1
fi

"$(dirname "$0")/initramfs.sh" >/dev/null
programs=$(make -s -C "$TOP/guest" "list-$dir")
[ -n "$programs" ] || die "no guest programs in guest/$dir"
only=
if [ -n "${GUEST_ONLY:-}" ]; then
	for p in $GUEST_ONLY; do
		[[ " $programs " == *" $p "* ]] || die "GUEST_ONLY: no program $p in guest/$dir"
	done
	programs=$GUEST_ONLY
	only="guest.only=$(echo $programs | tr ' ' ,)"
fi
log=$LOGS/$label.log
echo "guest[$label]: -smp $smp running $(echo $programs) (console: $log)"
start=$SECONDS
rc=0
# --foreground: stay in the caller's process group, so that a timeout or
# Ctrl-C around make also stops QEMU (without it, timeout makes a group of
# its own, which outlives the make that started it).
timeout --foreground -k 10 "$limit" qemu-system-s390x -machine s390-ccw-virtio -cpu qemu \
	-smp "$smp" -m 1G -nographic -no-reboot ${QEMU_EXTRA:-} \
	-kernel "$kernel" -initrd "${INITRD:-$BUILD/guest/initramfs.cpio}" \
	-append "panic=-1 guest.dir=$dir $only $poison ${GUEST_APPEND:-}" </dev/null >"$log" 2>&1 || rc=$?
bad=0
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	record FAIL "$label/timeout" "guest still running after ${limit}s: killed as a hang (see $log)"
	bad=1
elif [ $rc -ne 0 ]; then
	record FAIL "$label/qemu" "qemu exited with status $rc (see $log)"
	bad=1
fi
"$(dirname "$0")/console-check.sh" "$log" "$label" $programs || bad=1
echo "guest[$label]: $((SECONDS - start)) s"
exit $bad
