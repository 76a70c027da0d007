#!/usr/bin/env bash
# Keep build/baseline, the kernel the series is measured against: a
# worktree of build/linux on branch "baseline" = the base tag plus the
# patches named in series/baseline-patches (the invalidation counters).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
list=$TOP/series/baseline-patches
[ -f "$list" ] || die "$list missing: it names the patches of the baseline kernel"
patches=()
while read -r name; do
	[ -n "$name" ] || continue
	[ -f "$TOP/patches/$name" ] ||
		die "series/baseline-patches names $name, which is not in patches/; update the list"
	patches+=("$TOP/patches/$name")
done <"$list"
[ ${#patches[@]} -gt 0 ] || die "series/baseline-patches names no patch"

if [ ! -d "$BASELINE/.git" ] && [ ! -f "$BASELINE/.git" ]; then
	git -C "$LINUX" worktree prune
	git -C "$LINUX" worktree add -q -f -B baseline "$BASELINE" base ||
		die "cannot create the worktree $BASELINE"
fi
cd "$BASELINE"
have=$(git format-patch --stdout base..HEAD | git patch-id --stable | cut -d' ' -f1 | sort)
want=$(cat "${patches[@]}" | git patch-id --stable | cut -d' ' -f1 | sort)
if [ "$have" = "$want" ] && [ -z "$(git status --porcelain --untracked-files=no)" ]; then
	echo "baseline: up to date (base + ${#patches[@]} patches)"
	exit 0
fi
git am --abort >/dev/null 2>&1 || true
git checkout -q -f -B baseline base
for p in "${patches[@]}"; do
	git am -q --committer-date-is-author-date "$p" >"$LOGS/am-baseline.log" 2>&1 || {
		cat "$LOGS/am-baseline.log" >&2
		git am --abort >/dev/null 2>&1 || true
		die "baseline patch $(basename "$p") does not apply on the base alone; fix the patch order or series/baseline-patches"
	}
done
echo "baseline: branch 'baseline' = base + ${#patches[@]} patches"
