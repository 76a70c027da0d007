#!/usr/bin/env bash
# 'make mail' as CI can run it: with a test identity it must write and
# validate the posting (scripts/mail.sh); with no identity and with the
# repository's placeholder identity it must refuse, saying why. The
# identities come from GIT_CONFIG_* in the environment, above any
# configuration file.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
mail=$(dirname "$0")/mail.sh
problems=()

as() {	# as <name> <email> <command...>
	GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0=$1 \
	GIT_CONFIG_KEY_1=user.email GIT_CONFIG_VALUE_1=$2 "${@:3}"
}

as "Test Sender" test.sender@example.org "$mail" ||
	problems+=("mail.sh failed with a test identity")
out=$(as "" "" "$mail" 2>&1) && problems+=("mail.sh ran without an identity")
grep -q "no git identity" <<<"$out" || problems+=("no identity: $out")
placeholder=$(git -C "$LINUX" log -1 --format=%ae series)
out=$(as "Someone" "$placeholder" "$mail" 2>&1) &&
	problems+=("mail.sh ran with the placeholder identity")
grep -q "placeholder" <<<"$out" || problems+=("placeholder identity: $out")

verdict mail-check "posting validated; refused without an identity and with the placeholder"
