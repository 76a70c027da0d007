#!/usr/bin/env bash
# Recreate the "series" branch of build/linux: the base tag plus patches/*.patch.
# Refuses to throw away commits on "series" that were never exported.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
cd "$LINUX"

if git rev-parse -q --verify refs/heads/series >/dev/null; then
	if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
		die "build/linux has uncommitted changes; commit them and 'make export', or 'git -C build/linux reset --hard'"
	fi
	# Same content as patches/ (compared by patch-id) means nothing is lost.
	have=$(git format-patch --stdout base..series | git patch-id --stable | cut -d' ' -f1 | sort)
	want=$(cat /dev/null $(ls "$TOP"/patches/0*.patch 2>/dev/null | grep -v '/0000-') |
		git patch-id --stable | cut -d' ' -f1 | sort)
	if [ "$have" = "$want" ] && [ "$(git rev-parse --abbrev-ref HEAD)" = series ] &&
	   [ "${FORCE:-0}" != 1 ]; then
		# Untouched files keep their timestamps: the next build is incremental.
		echo "tree: branch 'series' already matches patches/ ($(git rev-list --count base..series) patches)"
		exit 0
	fi
	if [ "$have" != "$want" ] && [ "${FORCE:-0}" != 1 ]; then
		die "branch 'series' in build/linux differs from patches/; run 'make export' first (or FORCE=1 make tree to discard it)"
	fi
fi

git am --abort >/dev/null 2>&1 || true
git checkout -q -f -B series base
git clean -q -fdx -e /.ccache >/dev/null
n=0
for p in "$TOP"/patches/0*.patch; do
	[ -e "$p" ] || continue
	case "$p" in */0000-cover-letter.patch) continue ;; esac
	if ! git am -q --committer-date-is-author-date "$p" >"$LOGS/am.log" 2>&1; then
		cat "$LOGS/am.log" >&2
		git am --abort >/dev/null 2>&1 || true
		die "patch $(basename "$p") does not apply on $(cat "$BUILD/base-version"); rebase it in build/linux and re-export"
	fi
	n=$((n + 1))
done
echo "tree: branch 'series' = base + $n patches"
