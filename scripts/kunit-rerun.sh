#!/usr/bin/env bash
# The series' KUnit suites run twice more in one boot: boot the kernel
# that 'kunit.sh s390' built (configs/s390.kunitconfig gives it an
# initramfs and debugfs) on the guest initramfs with guest.dir=kunit.
# The kernel runs every suite at boot (judged by kunit-boot.sh against
# configs/kunit-suites-s390.txt), then guest/kunit/kunit_rerun runs the
# lazy MMU suites twice through debugfs and checks each run's results.
# usage: kunit-rerun.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
kdir=$BUILD/kunit-s390
label=kunit-s390-rerun
[ -f "$kdir/arch/s390/boot/bzImage" ] || die "no KUnit kernel in $kdir: run 'scripts/kunit.sh s390' first"
grep -q '^CONFIG_BLK_DEV_INITRD=y' "$kdir/.config" && grep -q '^CONFIG_KUNIT_DEBUGFS=y' "$kdir/.config" ||
	die "$kdir has no initramfs or KUnit debugfs support: rebuild it with 'scripts/kunit.sh s390'"
bad=0
KERNEL_DIR=$kdir GUEST_TIMEOUT=${GUEST_TIMEOUT:-900} "$(dirname "$0")/guest-run.sh" "$label" 2 kunit || bad=1
# The run at boot is what precedes /init's first program; the reruns
# print their results to the console too, without the KTAP header.
sed '/^RUN /,$d' "$LOGS/$label.log.txt" >"$LOGS/$label-boot.log"
"$(dirname "$0")/kunit-boot.sh" "$label-boot" "$LOGS/$label-boot.log" || bad=1
exit $bad
