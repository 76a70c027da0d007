#!/usr/bin/env bash
# Install the host packages the workbench needs; silent when all are present.
set -euo pipefail

pkgs=(
	gcc libc6-dev gcc-s390x-linux-gnu binutils-s390x-linux-gnu libc6-dev-s390x-cross
	qemu-system-misc qemu-system-arm
	gcc-aarch64-linux-gnu gcc-powerpc64le-linux-gnu
	make flex bison bc libelf-dev libssl-dev cpio xz-utils
	python3 python3-ply python3-git ccache git perl gnuplot-nox
	coccinelle git-email sparse python3-sphinx
	# git send-email's Mail::Address: only a Recommends of git-email,
	# and recommends are not installed
	libmailtools-perl
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || { echo "deps: apt-get update failed" >&2; exit 1; }
for p in "${missing[@]}"; do
	if ! apt-cache show "$p" >/dev/null 2>&1; then
		echo "deps: package '$p' is not available from the configured apt sources; install it by hand" >&2
		exit 1
	fi
done
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
	echo "deps: apt-get install failed for: ${missing[*]}" >&2
	exit 1
fi
