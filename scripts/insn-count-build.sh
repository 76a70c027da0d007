#!/usr/bin/env bash
# Build build/insn-count.so, the QEMU TCG plugin of tools/insn-count.c that
# counts guest instructions between mm_bench's markers; rebuilt when the
# source is newer. Prints the plugin's path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
src=$TOP/tools/insn-count.c
so=$BUILD/insn-count.so
command -v gcc >/dev/null || die "gcc (the host compiler) missing; run 'make setup'"
if [ ! -f "$so" ] || [ "$src" -nt "$so" ]; then
	# Only libc and pthreads: QEMU 7.2's plugin API is declared in the source.
	gcc -shared -fPIC -O2 -Wall -Wextra -Wno-unused-parameter -Werror \
		-fvisibility=hidden -pthread -o "$so.tmp" "$src" ||
		die "cannot build the QEMU plugin $src"
	mv "$so.tmp" "$so"
fi
echo "$so"
