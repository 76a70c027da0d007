#!/usr/bin/env bash
# Keep the kernel sources that make bench, the boot tests and the kit
# measure, as worktrees of build/linux with the measurement patches of
# series/measure/ (the TLB purge counters, not for merging) on top:
#   build/baseline, branch "baseline": the base + the patches named in
#     series/measure/baseline-patches;
#   build/measured, branch "measured": branch "series" + every patch of
#     series/measure/.
# KUnit, make bisect and make mail use branch "series" itself.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
dir=$TOP/series/measure

# sync_tree <worktree> <branch> <start> <patch>...: the worktree on <branch> =
# <start> + the patches, recreated only when that is not what it holds.
sync_tree() {
	local wt=$1 branch=$2 start=$3 have want p
	shift 3
	if [ ! -d "$wt/.git" ] && [ ! -f "$wt/.git" ]; then
		git -C "$LINUX" worktree prune
		git -C "$LINUX" worktree add -q -f -B "$branch" "$wt" "$start" ||
			die "cannot create the worktree $wt"
	fi
	cd "$wt"
	want=$(cat "$@" | git patch-id --stable | cut -d' ' -f1)
	if [ "$(git rev-parse -q --verify "HEAD~$#")" = "$(git rev-parse "$start")" ] &&
	   [ -z "$(git status --porcelain --untracked-files=no)" ]; then
		have=$(git format-patch --stdout "$start..HEAD" | git patch-id --stable | cut -d' ' -f1)
		if [ "$have" = "$want" ]; then
			echo "$branch: up to date ($start + $# measurement patches)"
			return 0
		fi
	fi
	git am --abort >/dev/null 2>&1 || true
	git checkout -q -f -B "$branch" "$start"
	for p in "$@"; do
		git am -q --committer-date-is-author-date "$p" >"$LOGS/am-$branch.log" 2>&1 || {
			cat "$LOGS/am-$branch.log" >&2
			git am --abort >/dev/null 2>&1 || true
			die "$(basename "$p") does not apply on $start (branch $branch): rebase it onto $start, or drop it from series/measure/"
		}
	done
	echo "$branch: $start + $# measurement patches"
}

[ -f "$dir/baseline-patches" ] ||
	die "$dir/baseline-patches missing: it names the measurement patches of the baseline kernel"
base_patches=()
while read -r name; do
	[ -n "$name" ] || continue
	[ -f "$dir/$name" ] ||
		die "series/measure/baseline-patches names $name, which is not in series/measure/"
	base_patches+=("$dir/$name")
done <"$dir/baseline-patches"
[ ${#base_patches[@]} -gt 0 ] || die "series/measure/baseline-patches names no patch"
all=("$dir"/*.patch)
[ -f "${all[0]}" ] || die "no measurement patch in $dir"

sync_tree "$BASELINE" baseline base "${base_patches[@]}"
sync_tree "$MEASURED" measured series "${all[@]}"
