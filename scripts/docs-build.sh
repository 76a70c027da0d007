#!/usr/bin/env bash
# Build the HTML documentation of every Documentation/ directory the series
# touches, on the base and on the series: any Sphinx or kernel-doc warning
# the base does not give fails, and the series' lazy MMU page must show the
# DOC: section and the kernel-doc it pulls in from <linux/pgtable.h>.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

# Debian's Sphinx: a pyenv or venv python3 earlier in PATH may lack it.
PY=/usr/bin/python3
SPHINX=/usr/bin/sphinx-build
[ -x "$SPHINX" ] && "$PY" -c 'import sphinx' 2>/dev/null ||
	die "docs: Debian's python3-sphinx is not installed (make setup installs it)"

base_tree=$BUILD/docs-base
detached_worktree "$base_tree" base
[ "$(git -C "$base_tree" rev-parse HEAD)" = "$(git -C "$LINUX" rev-parse base)" ] ||
	git -C "$base_tree" checkout -q --detach base

dirs=$(git -C "$LINUX" diff --name-only base..series -- Documentation |
	awk -F/ 'NF > 2 { print $2 }' | sort -u)
[ -n "$dirs" ] || { echo "docs: the series touches no Documentation/ directory"; exit 0; }

# Warnings, without line numbers (they move) and tree paths.
build_docs() { # tree, output dir, sphinx dirs
	local tree=$1 out=$2
	rm -rf "$out"
	make -s -C "$tree" O="$out" SPHINXDIRS="$3" PYTHON3="$PY" \
		SPHINXBUILD="$SPHINX" htmldocs >"$out.log" 2>&1 ||
		{ tail -20 "$out.log"; die "docs: htmldocs failed in $tree (log: $out.log)"; }
	grep -i 'warning\|error' "$out.log" | sed -E "s#$tree/##g; s/:[0-9]+:? / /" | sort -u
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$BUILD/docs
mkdir -p "$out"
build_docs "$base_tree" "$out/base" "$dirs" >"$tmp/old"
build_docs "$LINUX" "$out/series" "$dirs" >"$tmp/new"
added=$(comm -13 "$tmp/old" "$tmp/new")
if [ -n "$added" ]; then
	record FAIL "docs/htmldocs" "new warnings in SPHINXDIRS=\"$dirs\":"
	echo "$added" | sed 's/^/    /'
	exit 1
fi
record PASS "docs/htmldocs" "SPHINXDIRS=\"$dirs\": no warning the base does not give"

# The page must carry what it pulls in, not just build.
page=$out/series/Documentation/output/mm/lazy_mmu_mode.html
[ -f "$page" ] || { record FAIL "docs/lazy_mmu_mode" "no $page"; exit 1; }
text=$("$PY" -c 'import html, re, sys
print(html.unescape(re.sub(r"<[^>]+>", "", open(sys.argv[1]).read())))' "$page")
missing=()
for want in 'A facility to provide lazy MMU batching' \
	'lazy_mmu_mode_enable_fast_pte_range' 'lazy_mmu_mode_pause' \
	'What correctness rests on'; do
	grep -qF "$want" <<<"$text" || missing+=("$want")
done
# Listed in the structured part of mm/index.rst, not under "Unsorted".
awk '/^Unsorted Documentation/ { exit 1 } $1 == "lazy_mmu_mode" { found = 1; exit 0 }
	END { exit !found }' "$LINUX/Documentation/mm/index.rst" ||
	missing+=("lazy_mmu_mode in the structured toctree of Documentation/mm/index.rst")
if [ ${#missing[@]} -gt 0 ]; then
	record FAIL "docs/lazy_mmu_mode" "missing: ${missing[*]}"
	exit 1
fi
record PASS "docs/lazy_mmu_mode" "DOC: section, kernel-doc and design rendered, listed in the structured part"
