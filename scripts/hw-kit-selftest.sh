#!/usr/bin/env bash
# The hardware kit's host-side parts on known input, no kernel needed:
# summarize.awk (medians, spread, large numbers) on synthetic BENCH lines,
# compare.sh (change, ratio, spread flag, cases of one side only) on two
# CSVs made from them, and run.sh's refusal of bad options, which it
# checks before anything else on any machine.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
kit=$TOP/hw-kit
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
problems=()

expect() {	# expect <what> <wanted> <got>
	[ "$2" = "$3" ] || problems+=("$1: wanted '$2', got '$3'")
}

csv() {	# csv <BENCH lines file> -> CSV as run.sh writes it
	echo "# kernel=$(basename "$1") machine=test hypervisor=none facility13=no"
	echo "# cmdline=-"
	awk -f "$kit/summarize.awk" "$1"
}

cat >"$tmp/base" <<'EOF'
BENCH mprotect 4096 2 0 8192 0 0 8192 0 3000000000 9000000000 100
BENCH mprotect 4096 2 1 8192 0 0 8192 0 3100000000 9100000000 100
BENCH mprotect 4096 2 2 8192 0 0 8192 0 2900000000 8900000000 100
BENCH fork 256 1 0 0 4 0 4 1 1000 -1 -1
BENCH fork 256 1 1 0 6 0 6 1 1100 -1 -1
BENCH munmap 1 1 0 0 1 0 1 1 500 -1 -1
BENCH clear_refs4 256 1 0 0 1 0 1 0 300 -1 -1
EOF
cat >"$tmp/patched" <<'EOF'
BENCH mprotect 4096 2 0 0 0 32 8192 0 1000000000 3000000000 100
BENCH mprotect 4096 2 1 0 0 32 8192 0 1010000000 3030000000 100
BENCH mprotect 4096 2 2 0 0 32 8192 0 990000000 2970000000 100
BENCH fork 256 1 0 0 4 0 4 1 1000 -1 -1
BENCH fork 256 1 1 0 4 0 4 1 1000 -1 -1
BENCH clear_refs4 256 1 0 0 2 0 2 2 300 -1 -1
EOF
csv "$tmp/base" >"$tmp/base.csv"
csv "$tmp/patched" >"$tmp/patched.csv"
expect "mprotect row" "mprotect,4096,2,3,3000000000,2900000000,3100000000,6.7,9000000000,100,8192,0,0,8192,0" \
	"$(grep '^mprotect,' "$tmp/base.csv")"
expect "fork row (even count: mean of the middle two)" "fork,256,1,2,1050,1000,1100,9.5,-1,-1,0,5,0,5,1" \
	"$(grep '^fork,' "$tmp/base.csv")"

# With gnuplot its PNG goes to $tmp too.
"$kit/compare.sh" "$tmp/base.csv" "$tmp/patched.csv" >"$tmp/table" 2>&1 ||
	problems+=("compare.sh failed: $(head -n 3 "$tmp/table")")
row=$(grep '^mprotect ' "$tmp/table" | tr -s ' ')
expect "mprotect comparison" "mprotect 4096 2 3000000000 1000000000 -66.7% -66.7% 8192 32 256x 0 0 !" "$row"
row=$(grep '^fork ' "$tmp/table" | tr -s ' ')
expect "fork comparison" "fork 256 1 1050 1000 -4.8% - 5 4 1.2x 1 1 !" "$row"
row=$(grep '^clear_refs4 ' "$tmp/table" | tr -s ' ' | sed 's/ $//')
expect "more invalidations patched" "clear_refs4 256 1 300 300 +0.0% - 1 2 0.5x 0 2" "$row"
grep -q '^munmap ' "$tmp/table" && problems+=("a case of the baseline only is in the table")
"$kit/compare.sh" "$tmp/base.csv" >/dev/null 2>&1 && problems+=("compare.sh took one file")
echo "op,x" >"$tmp/bad.csv"
"$kit/compare.sh" "$tmp/bad.csv" "$tmp/base.csv" >/dev/null 2>&1 &&
	problems+=("compare.sh took a file that is no CSV of run.sh")

# Each bad option, and the words of run.sh's refusal.
while IFS='|' read -r bad why; do
	# shellcheck disable=SC2086 # the options are words on purpose
	if out=$(sh "$kit/run.sh" $bad 2>&1); then
		problems+=("run.sh $bad was accepted")
	elif ! grep -q -F -- "$why" <<<"$out"; then
		problems+=("run.sh $bad: wanted '$why', got: $out")
	fi
done <<'EOF'
-p abc|-p wants numbers
-p 1,,2|-p wants numbers
-n 1|-n must be at least 2
-n x|-n wants a number
-r 0|-r must be at least 1
-o nosuch|-o: unknown operation 'nosuch'
-o mprotect,,fork|-o wants operations separated by commas
extra|usage:
EOF

# Reclaim changes the machine: refused without root (checked as nobody).
as_user=()
[ "$(id -u)" -ne 0 ] || as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if out=$("${as_user[@]}" sh "$kit/run.sh" -o mprotect,reclaim 2>&1); then
	problems+=("run.sh -o mprotect,reclaim was accepted without root")
elif ! grep -q -F -- "need root" <<<"$out"; then
	problems+=("run.sh -o mprotect,reclaim without root: wanted 'need root', got: $out")
fi

verdict hw-kit-selftest "summarize.awk, compare.sh and run.sh's option checks"
