#!/usr/bin/env bash
# Build build/<name>.so, the QEMU TCG plugin of tools/<name>.c (insn-count:
# guest instructions between mm_bench's markers; insn-profile: the same, per
# instruction address); rebuilt when its source or tools/qemu-plugin-v1.h is
# newer. Prints the plugin's path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] && [ -f "$TOP/tools/$1.c" ] ||
	die "usage: plugin-build.sh <name>, for a plugin tools/<name>.c"
src=$TOP/tools/$1.c
hdr=$TOP/tools/qemu-plugin-v1.h
so=$BUILD/$1.so
command -v gcc >/dev/null || die "gcc (the host compiler) missing; run 'make setup'"
if [ ! -f "$so" ] || [ "$src" -nt "$so" ] || [ "$hdr" -nt "$so" ]; then
	# Only libc and pthreads: QEMU 7.2's plugin API is declared in $hdr.
	gcc -shared -fPIC -O2 -Wall -Wextra -Wno-unused-parameter -Werror \
		-fvisibility=hidden -pthread -o "$so.tmp" "$src" ||
		die "cannot build the QEMU plugin $src"
	mv "$so.tmp" "$so"
fi
echo "$so"
