#!/usr/bin/env bash
# Run the guest tests (guest/tests) on the test kernel at each -smp given.
# usage: boot-test.sh <smp>...
# env: BOOT_LABEL (log and result prefix, default "boot"), and those of
#      guest-run.sh: KERNEL_DIR, GUEST_APPEND, GUEST_TIMEOUT, GUEST_ONLY
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ $# -ge 1 ] || die "usage: boot-test.sh <smp>..."
bad=0
for n in "$@"; do
	"$(dirname "$0")/guest-run.sh" "${BOOT_LABEL:-boot}-smp$n" "$n" tests || bad=1
done
exit $bad
