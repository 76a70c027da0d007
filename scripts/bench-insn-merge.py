#!/usr/bin/env python3
"""Put the plugin's instruction counts into mm_bench's BENCH lines.

usage: bench-insn-merge.py <BENCH lines> <plugin output>

The QEMU plugin (tools/insn-count.c) writes one "INSN <vcpu> <count>" line
per pair of mm_bench's markers, and mm_bench prints one BENCH line per
measurement, each after the stop marker of its operation: the two match in
order. Prints the BENCH lines with the last column (<instructions>, -1
under QEMU) replaced by the count. Anything that does not match one to one
is an error: a count would otherwise land on the wrong operation.
"""
import sys


def die(msg):
    sys.exit(f"bench-insn-merge: {msg}")


def main():
    if len(sys.argv) != 3:
        die("usage: bench-insn-merge.py <BENCH lines> <plugin output>")
    bench_path, insn_path = sys.argv[1:]
    try:
        with open(bench_path) as f:
            bench = [line.split() for line in f]
        with open(insn_path) as f:
            insn = [line.split() for line in f]
    except OSError as e:
        die(str(e))

    counts, vcpus = [], set()
    for n, w in enumerate(insn, 1):
        if len(w) != 3 or w[0] != "INSN" or not w[1].isdigit() or not w[2].isdigit():
            die(f"{insn_path}:{n}: {' '.join(w)}")
        vcpus.add(w[1])
        counts.append(w[2])
    if len(counts) != len(bench):
        die(f"{len(counts)} plugin counts in {insn_path} for {len(bench)} BENCH lines "
            f"in {bench_path}")
    # mm_bench pins its measuring thread to one CPU for all measurements.
    if len(vcpus) > 1:
        die(f"markers executed on vCPUs {', '.join(sorted(vcpus))} in {insn_path}; "
            "expected the one CPU mm_bench measures on")
    for n, (w, count) in enumerate(zip(bench, counts), 1):
        if len(w) != 13 or w[0] != "BENCH":
            die(f"{bench_path}:{n}: not a BENCH line: {' '.join(w)}")
        if w[12] != "-1":
            die(f"{bench_path}:{n}: instructions already measured ({w[12]})")
        print(" ".join(w[:12] + [count]))


if __name__ == "__main__":
    main()
