#!/usr/bin/env bash
# usage: config-verify.sh <.config> <fragment>...
# Fail when an option a fragment asks for is not what the .config ended up with.
set -euo pipefail
cfg=$1
shift
bad=0
for frag in "$@"; do
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=*)
			opt=${line%%=*}
			want=${line#*=}
			;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }
			opt=${opt%% *}
			want=n
			;;
		*) continue ;;
		esac
		got=$(grep -E "^$opt=" "$cfg" | cut -d= -f2- || true)
		[ -n "$got" ] || got=n
		if [ "$got" != "$want" ]; then
			echo "config: $opt=$want requested by $(basename "$frag") but the build has $opt=$got (unmet dependency or unknown option?)" >&2
			bad=1
		fi
	done <"$frag"
done
exit $bad
