#!/usr/bin/env bash
# Build the sparse that the kernel's checker-valid.sh accepts, when the
# installed one is too old: Linux 7.3 needs __typeof_unqual__, which
# Debian 12's sparse 0.6.4 lacks. Takes the source package of Debian
# unstable (0.6.5~rc1 on 2026-11-30), checks its SHA-256 against the
# suite's Sources index and that against the signed InRelease, builds it into build/tools/sparse-<ver>/
# and prints the path of the binary. Without network it fails with a
# message; nothing falls back silently.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
tools=$BUILD/tools
mkdir -p "$tools"

valid() {
	[ "$("$LINUX/scripts/checker-valid.sh" "$1" --arch=s390 -mbig-endian -m64 2>/dev/null)" = 1 ]
}
if command -v sparse >/dev/null && valid "$(command -v sparse)"; then
	command -v sparse
	exit 0
fi
for b in "$tools"/sparse-*/sparse; do
	[ -x "$b" ] && valid "$b" && { echo "$b"; exit 0; }
done

command -v curl >/dev/null && command -v xz >/dev/null ||
	die "sparse-build: curl and xz are needed (make setup)"
# InRelease is signed by the archive key that apt trusts; it holds the
# SHA-256 of the Sources index, which holds that of the tarball.
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
command -v gpgv >/dev/null && [ -f "$keyring" ] ||
	die "sparse-build: gpgv and $keyring are needed (Debian's gpgv, debian-archive-keyring)"
rel=$tools/sid-InRelease
curl -fsS -o "$rel" "$mirror/dists/sid/InRelease" ||
	die "sparse-build: cannot fetch $mirror/dists/sid/InRelease"
gpgv --keyring "$keyring" "$rel" >"$LOGS/sparse-gpgv.log" 2>&1 ||
	die "sparse-build: the signature of $rel does not verify (see $LOGS/sparse-gpgv.log)"
idx=$tools/sid-Sources.xz
curl -fsS -o "$idx" "$mirror/dists/sid/main/source/Sources.xz" ||
	die "sparse-build: cannot fetch $mirror/dists/sid/main/source/Sources.xz"
idx_sum=$(awk '/^SHA256:/ { s = 1; next } /^[^ ]/ { s = 0 }
	s && $3 == "main/source/Sources.xz" { print $1 }' "$rel")
[ -n "$idx_sum" ] && echo "$idx_sum  $idx" | sha256sum -c --quiet - >/dev/null 2>&1 ||
	die "sparse-build: $idx does not match the SHA-256 in the signed InRelease"
# The stanza of source package sparse: its version, directory and the
# SHA-256 of its upstream tarball.
read -r ver dir sum file < <(xz -dc "$idx" | awk '
	/^Package: / { p = ($2 == "sparse") }
	p && /^Version: / { v = $2 }
	p && /^Directory: / { d = $2 }
	p && /^Checksums-Sha256:/ { s = 1; next }
	p && s && /^ / { if ($3 ~ /\.orig\.tar\./) { h = $1; f = $3 } ; next }
	p && s { s = 0 }
	/^$/ && p && f { print v, d, h, f; exit }
	/^$/ { p = 0 }') ||
	die "sparse-build: no source package sparse in Debian unstable's index"
[ -n "${file:-}" ] || die "sparse-build: no upstream tarball for sparse $ver in the index"
src=$tools/$file
curl -fsS -o "$src" "$mirror/$dir/$file" || die "sparse-build: cannot fetch $mirror/$dir/$file"
echo "$sum  $src" | sha256sum -c --quiet - >/dev/null 2>&1 ||
	die "sparse-build: $file does not match the SHA-256 of Debian's index"
work=$tools/sparse-$ver
rm -rf "$work" "$tools/unpack"
mkdir -p "$tools/unpack"
tar -C "$tools/unpack" -xzf "$src"
mv "$tools"/unpack/sparse-* "$work"
rmdir "$tools/unpack"
make -C "$work" -j"$JOBS" sparse HAVE_LLVM=no HAVE_GTK=no HAVE_LIBXML=no \
	>"$LOGS/sparse-build.log" 2>&1 || die "sparse-build: building sparse $ver failed (see $LOGS/sparse-build.log)"
valid "$work/sparse" || die "sparse-build: sparse $ver does not pass the kernel's checker-valid.sh either"
echo "$work/sparse"
