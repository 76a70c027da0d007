#!/usr/bin/env bash
# The newcomer's command: everything 'make bench' does at a size that
# finishes in about half an hour on 2 cores from a fresh machine.
set -euo pipefail
export BENCH_PAGES=${BENCH_PAGES:-1,16,256,4096}
exec "$(dirname "$0")/bench.sh"
