#!/usr/bin/env bash
# Fetch Debian's linux-source-7.3 and turn it into build/linux, a git repo
# whose single commit is tagged "base". Idempotent: the .deb and the tree
# are reused when present.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PKG=linux-source-7.3
APT=$BUILD/apt
DL=$BUILD/dl

if git -C "$LINUX" rev-parse -q --verify refs/tags/base >/dev/null 2>&1; then
	exit 0
fi

mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$DL"
deb=$(ls "$DL"/${PKG}_*.deb 2>/dev/null | head -n 1 || true)
if [ -z "$deb" ]; then
	# A private sources list: the machine's own apt setup (Debian 12) stays untouched.
	cat >"$APT/sources.list" <<S
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian experimental main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian unstable main
S
	opts=(-o "Dir::Etc::SourceList=$APT/sources.list" -o Dir::Etc::SourceParts=/dev/null
	      -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache")
	echo "base: looking up $PKG in Debian experimental/unstable"
	apt-get "${opts[@]}" update -qq >"$LOGS/apt-update.log" 2>&1 ||
		die "apt-get update with $APT/sources.list failed (see $LOGS/apt-update.log)"
	ver=$(apt-cache "${opts[@]}" policy "$PKG" | awk '/Candidate:/ {print $2}')
	case "$ver" in
	7.3~rc*|7.3.*|7.3-*) ;;
	""|"(none)") die "$PKG is not available from Debian experimental/unstable; check the mirror or pick another 7.3 source" ;;
	*) die "$PKG candidate version '$ver' is not a 7.3 release or rc" ;;
	esac
	echo "base: downloading $PKG $ver"
	(cd "$DL" && apt-get "${opts[@]}" download "$PKG=$ver" >"$LOGS/apt-download.log" 2>&1) ||
		die "downloading $PKG $ver failed (see $LOGS/apt-download.log)"
	deb=$(ls "$DL"/${PKG}_*.deb | head -n 1)
fi

debver=$(dpkg-deb -f "$deb" Version)
echo "base: unpacking $(basename "$deb")"
rm -rf "$BUILD/unpack" "$LINUX"
mkdir -p "$BUILD/unpack"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$BUILD/unpack" ./usr/src/$PKG.tar.xz
tar -xJf "$BUILD/unpack/usr/src/$PKG.tar.xz" -C "$BUILD/unpack"
mv "$BUILD/unpack/$PKG" "$LINUX"
rm -rf "$BUILD/unpack"

cd "$LINUX"
# Debian's .gitignore ignores the whole top level; keep only upstream's rules.
python3 - <<'P'
import re
p = ".gitignore"
s = open(p).read()
s2 = re.sub(r"\n#\n# Debian[^\n]*\n.*", "\n", s, flags=re.S) if "# Debian" in s else s
open(p, "w").write(s2)
P
grep -q '^/\*$' .gitignore && die "could not drop Debian's top-level ignore block from .gitignore"

kver=$(make -s kernelversion)
echo "$kver (Debian $PKG $debver)" >"$BUILD/base-version"

git init -q -b base-tree .
git add -f -A .
# Fixed dates and identity make the base commit, and so every patch hash on
# top of it, the same on every machine.
GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z' \
GIT_AUTHOR_NAME=base GIT_AUTHOR_EMAIL=base@localhost \
GIT_COMMITTER_NAME=base GIT_COMMITTER_EMAIL=base@localhost \
	git commit -q -m "Linux $kver (Debian $PKG $debver)"
git tag base
echo "base: Linux $kver from Debian $PKG $debver at $LINUX (tag base)"
