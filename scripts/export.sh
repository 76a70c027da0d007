#!/usr/bin/env bash
# Regenerate patches/ from the "series" branch of build/linux.
# Output depends only on the commits, so re-exporting them changes nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
cd "$LINUX"
[ "$(git rev-parse --abbrev-ref HEAD)" = series ] ||
	die "build/linux is not on branch 'series'; check out your work there first"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes; commit them before exporting"

cover=$TOP/series/cover-letter.txt
[ -f "$cover" ] || die "missing $cover"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count=$(git rev-list --count base..series)
[ "$count" -gt 0 ] || die "branch 'series' has no commits on top of base"

git format-patch -q --cover-letter --zero-commit --no-signature -o "$out" base..series
python3 - "$out"/0000-cover-letter.patch "$cover" "$BUILD/base-version" <<'P'
import sys
path, cover, base = sys.argv[1:]
subject, _, body = open(cover).read().partition("\n")
body = body.strip("\n").replace("@BASE@", open(base).read().strip())
s = open(path).read()
s = s.replace("*** SUBJECT HERE ***", subject.strip())
s = s.replace("*** BLURB HERE ***", body)
open(path, "w").write(s)
P
# The cover letter's Date is "now"; pin it to the last patch's date.
last_date=$(grep -m1 '^Date: ' "$(ls "$out"/0*.patch | tail -n 1)")
sed -i "0,/^Date: .*/s//$last_date/" "$out/0000-cover-letter.patch"

rm -f "$TOP"/patches/*.patch
mkdir -p "$TOP/patches"
cp "$out"/*.patch "$TOP/patches/"
echo "export: $count patches + cover letter in patches/"
