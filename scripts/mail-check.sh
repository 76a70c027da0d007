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

send() {	# send [env arguments...]: mail.sh as a test sender
	as "Test Sender" test.sender@example.org env "$@" "$mail"
}
cover=$BUILD/mail/v2-0000-cover-letter.patch

# Bad options are refused before anything is written. Only the last run,
# the posting as it stands, records a verdict of its own ('mail').
for opt in MAIL_RFC=2 MAIL_BASE_COMMIT=abc MAIL_V1=lore MAIL_VERSION=x; do
	out=$(send -u RESULTS "$opt" 2>&1) && problems+=("mail.sh accepted $opt")
	grep -q -F "${opt%%=*}=" <<<"$out" || problems+=("$opt: $out")
done

# A non-RFC posting with a base commit and a v1 link, as a sender gives
# them (the hash is only checked for its form).
base=0123456789abcdef0123456789abcdef01234567
link=https://lore.kernel.org/linux-mm/v1-example/
if send -u RESULTS MAIL_RFC=0 MAIL_BASE_COMMIT=$base MAIL_V1=$link >/dev/null; then
	grep -q '^Subject: \[PATCH v2 00/' "$cover" ||
		problems+=("MAIL_RFC=0 did not give [PATCH v2 00/n]")
	grep -q "^base-commit: $base\$" "$cover" ||
		problems+=("MAIL_BASE_COMMIT not in the cover letter")
	grep -q -F "Changes since v1 ($link):" "$cover" ||
		problems+=("MAIL_V1 not linked from 'Changes since v1'")
else
	problems+=("mail.sh failed with MAIL_RFC=0, a base commit and a v1 link")
fi
# The posting as it stands, last, so that build/mail/ holds it:
# [RFC PATCH v2 n/m], the base named by its release.
send || problems+=("mail.sh failed with a test identity")
grep -q '^Subject: \[RFC PATCH v2 00/' "$cover" ||
	problems+=("default posting is not [RFC PATCH v2 00/n]")
! grep -q '^base-commit:' "$cover" ||
	problems+=("base-commit: written without MAIL_BASE_COMMIT")

out=$(as "" "" "$mail" 2>&1) && problems+=("mail.sh ran without an identity")
grep -q "no git identity" <<<"$out" || problems+=("no identity: $out")
placeholder=$(git -C "$LINUX" log -1 --format=%ae series)
out=$(as "Someone" "$placeholder" "$mail" 2>&1) &&
	problems+=("mail.sh ran with the placeholder identity")
grep -q "placeholder" <<<"$out" || problems+=("placeholder identity: $out")

verdict mail-check "posting validated ([RFC PATCH v2], and [PATCH v2] with base-commit and v1 link); bad options, no identity and the placeholder refused"
