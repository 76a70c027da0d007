# Shared paths and helpers for the workbench scripts; sourced, not run.
# shellcheck shell=bash
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$TOP/build
LINUX=$BUILD/linux
# The kernel sources the boot tests and benchmarks measure: base and
# series, each with the measurement patches (scripts/measure-trees.sh).
BASELINE=$BUILD/baseline
MEASURED=$BUILD/measured
LOGS=$BUILD/logs
ARCH=s390
CROSS_COMPILE=s390x-linux-gnu-
JOBS=$(nproc)
export ARCH CROSS_COMPILE
# Debian's python3 first: kernel scripts (spdxcheck.py) need its python3-ply
# and python3-git, which a pyenv or venv python3 earlier in PATH lacks.
export PATH=/usr/bin:/bin:$PATH

mkdir -p "$BUILD" "$LOGS"

# What a console log must not contain (scripts/kernel-reports.sh).
KERNEL_REPORTS='WARNING:|BUG:|Oops|memory corruption|KASAN|UBSAN|Kernel panic|kernel BUG|cut here|rcu: INFO|self-detected stall|detected stalls|soft lockup|blocked for more than|Call Trace:|page_table_check'

# The cross compiler prefix of a KUnit architecture.
kunit_cross() {
	case $1 in
	s390) echo s390x-linux-gnu- ;;
	arm64) echo aarch64-linux-gnu- ;;
	x86_64) echo ;;
	*) die "unsupported kunit arch $1" ;;
	esac
}

# kunit_configs <arch> [tree]: the .kunitconfig files of a KUnit run, one
# per line: the series' own, which a reviewer passes to kunit.py, then
# the workbench's additions (debug options, other suites) in
# configs/<arch>.kunitconfig.
kunit_configs() {
	local tree=${2:-$LINUX} f
	local files=("$tree/mm/tests/.kunitconfig")
	[ "$1" = s390 ] && files+=("$tree/arch/s390/mm/.kunitconfig")
	files+=("$TOP/configs/$1.kunitconfig")
	for f in "${files[@]}"; do
		[ -f "$f" ] || die "$f missing: is branch 'series' checked out (make tree)?"
		echo "$f"
	done
}

# kunit_config_args <arch> [tree]: kunit_args=(--kunitconfig=<file>...) of
# kunit_configs, for kunit.py; exits with its message when one is missing.
kunit_config_args() {
	local kc f
	kc=$(kunit_configs "$@") || exit 1
	kunit_args=()
	while read -r f; do
		kunit_args+=(--kunitconfig="$f")
	done <<<"$kc"
}

die() {
	echo "error: $*" >&2
	exit 1
}

need_tree() {
	git -C "$LINUX" rev-parse -q --verify refs/tags/base >/dev/null 2>&1 ||
		die "no kernel tree at $LINUX; run 'make tree' first"
}

# detached_worktree <dir> <rev>: a worktree of the kernel tree at <dir>,
# created at <rev> (detached) if it does not exist yet.
detached_worktree() {
	git -C "$LINUX" worktree prune
	[ -e "$1/.git" ] ||
		git -C "$LINUX" worktree add -q -f --detach "$1" "$2" ||
		die "cannot create the worktree $1"
}

# Run a long command with its output in a log; on failure show the error lines.
run_logged() {
	local log=$1
	shift
	if ! "$@" >"$log" 2>&1; then
		echo "--- relevant lines of $log:" >&2
		grep -E -i -m 40 '(error|\*\*\*|undefined reference|fatal|No rule)' "$log" >&2 ||
			tail -n 30 "$log" >&2
		return 1
	fi
}

# Report one result line; check.sh counts them through $RESULTS.
record() {
	local verdict=$1 name=$2
	shift 2
	echo "$verdict $name${*:+: $*}"
	if [ -n "${RESULTS:-}" ]; then
		echo "$verdict $name" >>"$RESULTS"
	fi
	return 0
}

# verdict <label> <what passed> [where to look]: record PASS <label> if the
# caller's array "problems" is empty, else FAIL with each problem; exits
# 0 or 1. The checking scripts end with it.
verdict() {
	if [ ${#problems[@]} -eq 0 ]; then
		record PASS "$1" "$2"
		exit 0
	fi
	record FAIL "$1" ${3:+"see $3"}
	printf '    %s\n' "${problems[@]}"
	exit 1
}
