#!/usr/bin/env bash
# 'make mail': write build/mail/ as the v2 posting of the series, with the
# sender's own Signed-off-by, and validate it as its recipients will:
#   - [PATCH v2 n/m] subjects, the cover letter of series/cover-letter.txt
#     (its "Changes since v1" and "Base:"), To:/Cc: from get_maintainer.pl;
#   - the sender is `git config user.name` / `user.email` of this
#     repository; refused when unset or the placeholder identity the
#     series' commits carry (nobody can certify the DCO with that);
#   - `git send-email --dry-run` accepts every file;
#   - the patches as one mbox apply with `git am` onto the base and give
#     exactly the tree of branch 'series'.
# env: MAIL_VERSION (default 2); MAIL_RFC=1 (default: "[RFC PATCH v2 n/m]",
#   as the cover letter asks for comments on patches 2-4) or 0 ("[PATCH v2");
#   MAIL_BASE_COMMIT=<40 hex digits>: the mainline commit of the base, added
#   to the cover letter as "base-commit:" (our base is a release tarball, so
#   its hash is not mainline's; without it the letter names the release);
#   MAIL_V1=<https URL>: the v1 posting, linked from "Changes since v1".
set -euo pipefail
. "$(dirname "$0")/lib.sh"
version=${MAIL_VERSION:-2}
rfc=${MAIL_RFC:-1}
base_commit=${MAIL_BASE_COMMIT:-}
v1=${MAIL_V1:-}
[[ $version =~ ^[2-9]$ ]] || die "MAIL_VERSION=$version: give the version number, 2 to 9"
case $rfc in
1) prefix=(--rfc) tag="RFC PATCH v$version" ;;
0) prefix=() tag="PATCH v$version" ;;
*) die "MAIL_RFC=$rfc: use 1 for [RFC PATCH v$version] or 0 for [PATCH v$version]" ;;
esac
[ -z "$base_commit" ] || [[ $base_commit =~ ^[0-9a-f]{40}$ ]] ||
	die "MAIL_BASE_COMMIT=$base_commit: give the full 40-digit hash of the mainline commit the series is based on"
[ -z "$v1" ] || [[ $v1 =~ ^https://[^[:space:]]+$ ]] ||
	die "MAIL_V1=$v1: give the https link of the v1 posting (e.g. its lore.kernel.org address)"
need_tree
out=$BUILD/mail

name=$(git -C "$TOP" config user.name || true)
email=$(git -C "$TOP" config user.email || true)
placeholder=$(git -C "$LINUX" log -1 --format=%ae series)
{ [ -n "$name" ] && [ -n "$email" ]; } ||
	die "no git identity: set yours with 'git config user.name \"Your Name\"' and 'git config user.email you@example.org' (the Signed-off-by you certify the DCO with)"
[ "$email" != "$placeholder" ] ||
	die "git identity '$name <$email>' is the repository's placeholder: set your own with 'git config user.name' and 'git config user.email'"
[ -x "$(git --exec-path)/git-send-email" ] ||
	die "git send-email is missing: make setup (Debian package git-email)"

# The series must be what patches/ holds.
"$(dirname "$0")/tree.sh" >/dev/null

rm -rf "$out"
mkdir -p "$out"
cd "$LINUX"
# Maintainers To:, lists Cc:, as get_maintainer.pl names them.
git format-patch -q -o "$out/plain" base..series
maint=()
while read -r addr; do
	maint+=("$addr")
done < <(perl scripts/get_maintainer.pl --no-rolestats --no-git \
		--no-git-fallback "$out"/plain/*.patch)
rm -rf "$out/plain"
[ ${#maint[@]} -gt 0 ] || die "get_maintainer.pl named nobody for the series"
to=() cc=()
for a in "${maint[@]}"; do
	case $a in
	*@vger.kernel.org | *@kvack.org | *@lists.*) cc+=("--cc=$a") ;;
	*) to+=("--to=$a") ;;
	esac
done

git -c user.name="$name" -c user.email="$email" format-patch -q -o "$out" \
	-v "$version" "${prefix[@]}" --cover-letter --signoff --thread=shallow \
	--zero-commit --no-signature "${to[@]}" "${cc[@]}" base..series
cover=$out/v$version-0000-cover-letter.patch
python3 - "$cover" "$TOP/series/cover-letter.txt" "$BUILD/base-version" \
	"$base_commit" "$v1" <<'P'
import sys
path, cover, base, base_commit, v1 = sys.argv[1:]
subject, _, body = open(cover).read().partition("\n")
body = body.strip("\n").replace("@BASE@", open(base).read().strip())
if "Changes since v1:" not in body:
    sys.exit("mail: series/cover-letter.txt has no 'Changes since v1:' section")
if v1:
    body = body.replace("Changes since v1:", "Changes since v1 (" + v1 + "):", 1)
if base_commit:
    body += "\n\nbase-commit: " + base_commit
s = open(path).read()
s = s.replace("*** SUBJECT HERE ***", subject.strip())
s = s.replace("*** BLURB HERE ***", body)
open(path, "w").write(s)
P

# Every patch carries the sender's sign-off after the author's.
for p in "$out"/v"$version"-0*.patch; do
	case $p in *-0000-cover-letter.patch) continue ;; esac
	grep -q -F "Signed-off-by: $name <$email>" "$p" ||
		die "$(basename "$p") lacks the sender's Signed-off-by"
done

# What git send-email would do, sending nothing.
git send-email --dry-run --confirm=never --suppress-cc=all \
	--from="$name <$email>" "$out"/v"$version"-*.patch >"$out/send-email-dry-run.log" 2>&1 ||
	die "git send-email --dry-run refused the mails (see $out/send-email-dry-run.log)"
sent=$(grep -c '^Dry-OK' "$out/send-email-dry-run.log" || true)
mails=("$out"/v"$version"-*.patch)
files=${#mails[@]}
[ "$sent" -eq "$files" ] || die "git send-email --dry-run sent $sent of $files mails (see $out/send-email-dry-run.log)"

# As a recipient applies them: one mbox, git am onto the base.
: >"$out/series.mbox"
for p in "${mails[@]}"; do
	case $p in *-0000-cover-letter.patch) ;; *) cat "$p" >>"$out/series.mbox" ;; esac
done
wt=$(mktemp -d)
trap 'git -C "$LINUX" worktree remove --force "$wt" >/dev/null 2>&1 || true; rm -rf "$wt"' EXIT
git worktree add -q --detach "$wt" base
git -C "$wt" -c user.name="$name" -c user.email="$email" am -q "$out/series.mbox" >"$out/am.log" 2>&1 ||
	die "the mbox does not apply with git am onto the base (see $out/am.log)"
[ "$(git -C "$wt" rev-parse 'HEAD^{tree}')" = "$(git rev-parse 'series^{tree}')" ] ||
	die "git am of the mbox gives a tree other than branch 'series'"
record PASS mail "$files mails in $out: [$tag n/m], sender's sign-off, send-email --dry-run ok, git am = series"
