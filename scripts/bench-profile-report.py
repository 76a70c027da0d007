#!/usr/bin/env python3
"""Sum an insn-profile output per kernel function (System.map) and print the
functions by instructions per repetition: bench-profile-report.py
<System.map> <profile> <repetitions> <load offset>. The kernel runs at its
System.map address plus the load offset (without KASLR, s390's
CONFIG_KERNEL_IMAGE_BASE). Addresses outside the kernel's text count as
"(user or module)"."""
import bisect
import sys


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    offset = int(sys.argv[4], 0)
    symbols = []
    with open(sys.argv[1]) as f:
        for line in f:
            addr, kind, name = line.split()[:3]
            if kind in 'tTwW':
                symbols.append((int(addr, 16) + offset, name))
    symbols.sort()
    if not symbols:
        sys.exit(f'no text symbols in {sys.argv[1]}')
    starts = [a for a, _ in symbols]
    text_end = next((a for a, n in symbols if n == '_etext'), None)
    reps = int(sys.argv[3])
    per_fn, total = {}, 0
    with open(sys.argv[2]) as f:
        for line in f:
            addr, count = line.split()
            addr, count = int(addr, 16), int(count)
            i = bisect.bisect_right(starts, addr) - 1
            if i < 0 or (text_end is not None and addr >= text_end):
                name = '(user or module)'
            else:
                name = symbols[i][1]
            per_fn[name] = per_fn.get(name, 0) + count
            total += count
    print(f'{total / reps:12.0f}  total per repetition')
    for name, count in sorted(per_fn.items(), key=lambda x: -x[1]):
        if count / total < 0.001:
            break
        print(f'{count / reps:12.0f}  {100 * count / total:5.1f}%  {name}')


main()
