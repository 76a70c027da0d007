#!/usr/bin/env bash
# Check the benchmark's options before anything is built or booted: a bad
# value would otherwise surface only in the guest, after two kernel builds.
# env: BENCH_PAGES (1 to 16 region sizes, comma-separated, each 1 to
#      65536 pages: 256 MB, a quarter of the guest's memory),
#      BENCH_REPS, BENCH_COUNT_REPS (positive whole numbers).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pages=${BENCH_PAGES:-1,16,256,4096}
[[ $pages =~ ^[1-9][0-9]*(,[1-9][0-9]*){0,15}$ ]] ||
	die "BENCH_PAGES=$pages: give 1 to 16 region sizes in pages, comma-separated (e.g. 1,16,256,4096)"
IFS=, read -ra sizes <<<"$pages"
for n in "${sizes[@]}"; do
	[ ${#n} -le 5 ] && [ "$n" -le 65536 ] ||
		die "BENCH_PAGES: $n pages is too many: at most 65536 (256 MB, a quarter of the guest's 1 GB)"
done
for v in BENCH_REPS BENCH_COUNT_REPS; do
	[[ "${!v:-1}" =~ ^[1-9][0-9]{0,3}$ ]] ||
		die "$v=${!v} is not a whole number from 1 to 9999"
done
