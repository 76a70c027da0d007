# BENCH lines of mm_bench -> one CSV row per case (operation, pages, CPUs):
# the number of runs, the median, minimum and maximum time, the spread
# (max - min in % of the median), and the medians of cycles, instructions
# and the TLB purge counters (global, local, range, ptes, purges: see
# mm_bench.c), after the column names. Used by run.sh.
BEGIN {
	print "op,pages,cpus,runs,time_ns,time_min_ns,time_max_ns,spread_pct,cycles,instructions,global,local,range,ptes,purges"
}
function median(list, n,    a, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
# A line of another mm_bench version would shift every column after <rep>.
NF != 13 {
	printf "summarize.awk: line %d is not a BENCH line of this kit's mm_bench (%d fields, not 13): %s\n",
	       NR, NF, $0 > "/dev/stderr"
	bad = 1
	exit 1
}
{
	key = $2 "," $3 "," $4
	if (!(key in runs))
		order[++nkeys] = key
	runs[key]++
	for (f = 6; f <= 13; f++)
		val[key, f] = val[key, f] " " $f
	if (!(key in lo) || $11 < lo[key]) lo[key] = $11
	if (!(key in hi) || $11 > hi[key]) hi[key] = $11
}
END {
	if (bad)
		exit 1
	for (k = 1; k <= nkeys; k++) {
		key = order[k]
		t = median(val[key, 11])
		printf "%s,%d,%.0f,%.0f,%.0f,%.1f", key, runs[key], t, lo[key], hi[key],
		       t ? 100 * (hi[key] - lo[key]) / t : 0
		printf ",%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f\n", median(val[key, 12]),
		       median(val[key, 13]), median(val[key, 6]), median(val[key, 7]),
		       median(val[key, 8]), median(val[key, 9]), median(val[key, 10])
	}
}
