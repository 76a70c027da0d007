#!/bin/sh
# Compare two CSVs of run.sh, baseline kernel first: one row per case that
# both have, with the median time (and cycles, where both have them) of
# each and the change, and, where the kernels count them, the invalidating
# instructions on a facility-13 machine (global + local + range: IPTEs of
# one entry and ranged IPTEs) and the other TLB purges (IDTEs, full-mm
# flushes), which the series should not add to. Writes the table to stdout
# and, when gnuplot is there, a PNG of the time changes next to the
# patched CSV.
# usage: ./compare.sh BASELINE.csv PATCHED.csv
set -eu

die() {
	echo "compare.sh: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 BASELINE.csv PATCHED.csv"
base=$1 patched=$2
for f in "$base" "$patched"; do
	[ -r "$f" ] || die "cannot read $f"
	head -n 3 "$f" | grep -q '^op,pages,cpus,runs,time_ns,' ||
		die "$f is not a CSV of run.sh"
	# Earlier kits wrote other counter columns, in 11-13 only.
	head -n 3 "$f" | grep -q '^op,.*,global,local,range,ptes,purges$' ||
		die "$f is a CSV of another version of the kit (counter columns are not global,local,range,ptes,purges)"
done

echo "baseline: $(sed -n 's/^# //p' "$base" | head -n 1)"
echo "patched:  $(sed -n 's/^# //p' "$patched" | head -n 1)"
echo
table=$(mktemp)
trap 'rm -f "$table"' EXIT
awk -F, '
	function change(new, old) {
		return old > 0 && new >= 0 ? sprintf("%+.1f%%", 100 * (new - old) / old) : "-"
	}
	# CSV columns 11-15: global, local, range, ptes, purges; -1: not counted.
	function inval(r) {
		return r[11] >= 0 ? r[11] + r[12] + r[13] : "-"
	}
	function purges(r) {
		return r[15] >= 0 ? r[15] : "-"
	}
	function ratio(old, new) {
		if (old == "-" || new == "-")
			return "-"
		if (new <= 0)
			return old > 0 ? "inf" : "-"
		# Below 10 a whole number would hide the difference (5/4, 1/2).
		return sprintf(old / new < 10 ? "%.1fx" : "%.0fx", old / new)
	}
	/^#/ || $1 == "op" { next }
	FNR == NR { b[$1 "," $2 "," $3] = $0; next }
	{
		key = $1 "," $2 "," $3
		if (!(key in b))
			next
		split(b[key], o, ",")
		split($0, n, ",")
		printf "%-13s %7s %4s %13.0f %13.0f %8s %8s %8s %8s %6s %8s %8s %5s\n",
		       $1, $2, $3, o[5], n[5], change(n[5], o[5]), change(n[9], o[9]),
		       inval(o), inval(n), ratio(inval(o), inval(n)),
		       purges(o), purges(n), (o[8] > 5 || n[8] > 5) ? "!" : ""
	}' "$base" "$patched" >"$table"
[ -s "$table" ] || die "the two CSVs have no case in common"
printf "%-13s %7s %4s %13s %13s %8s %8s %8s %8s %6s %8s %8s %5s\n" op pages cpus \
	"base ns" "patched ns" time cycles "inv base" "inv new" ratio \
	"pur base" "pur new" spread
cat "$table"
echo
echo "time, cycles: change of the median; inv: global + local + range, the"
echo "invalidating instructions with the IPTE-range facility ('-': not counted),"
echo "ratio: baseline / patched; pur: the other TLB purges, IDTEs and full-mm"
echo "flushes ('-': not counted); !: more than 5% spread between the runs of a side."

if command -v gnuplot >/dev/null 2>&1; then
	png=${patched%.csv}.png
	awk '{ v = $6; sub(/%/, "", v); if (v != "-") print $1 "/" $2 "/" $3, v }' "$table" >"$table.dat"
	gnuplot <<EOF
set terminal png size 1200,600
set output "$png"
set style data histograms
set style fill solid
set ylabel "time change vs baseline (%)"
set xtics rotate by -60 font ",8"
set key off
plot "$table.dat" using 2:xtic(1)
EOF
	rm -f "$table.dat"
	echo "plot: $png"
fi
