#!/bin/sh
# Run the lazy MMU series' benchmark (mm_bench, beside this script) on this
# machine and write one CSV: the median, spread and counters (CPU, and the
# kernel's TLB purges where it counts them) of each operation, size and
# CPU setting. Progress goes to stderr. See README.md.
# usage: ./run.sh [-n CPUS] [-p PAGES] [-r REPS] [-o OPS] [-d DIR]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
ncpus=
pages=1,16,256,4096,65536,262144
reps=5
default_ops=fault,fork,fork_thp,mprotect,sparse,munmap,mremap,dontneed,cold,pageout,free,pagemap_scan,clear_refs1,clear_refs4,exit
# Only when named: they need root and change the machine (README.md).
reclaim_ops=reclaim,reclaim_mglru
ops_all=$default_ops,$reclaim_ops
ops=$default_ops
dir=.

die() {
	echo "run.sh: $*" >&2
	exit 1
}

warn() {
	echo "run.sh: warning: $*" >&2
}

usage() {
	cat >&2 <<EOF
usage: $0 [-n CPUS] [-p PAGES] [-r REPS] [-o OPS] [-d DIR]
  -n CPUS   the many-CPU setting: the mm attached to CPUS CPUs (default:
            4, or all online CPUs if fewer); the 1-CPU setting always runs
  -p PAGES  region sizes in 4 KB pages, comma-separated
            (default $pages: 4 KB to 1 GB)
  -r REPS   runs of each case (default $reps)
  -o OPS    operations (default: all but $reclaim_ops)
            $ops_all
  -d DIR    where the CSV goes (default: the current directory)
EOF
	exit 2
}

while getopts n:p:r:o:d:h opt; do
	case $opt in
	n) ncpus=$OPTARG ;;
	p) pages=$OPTARG ;;
	r) reps=$OPTARG ;;
	o) ops=$OPTARG ;;
	d) dir=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage

online=$(getconf _NPROCESSORS_ONLN)
[ -n "$ncpus" ] || ncpus=$((online < 4 ? online : 4))
case $ncpus in '' | *[!0-9]*) die "-n wants a number, not '$ncpus'" ;; esac
case $reps in '' | *[!0-9]*) die "-r wants a number, not '$reps'" ;; esac
case $pages in '' | *[!0-9,]* | ,* | *, | *,,*) die "-p wants numbers separated by commas, not '$pages'" ;; esac
[ "$reps" -ge 1 ] || die "-r must be at least 1"
[ "$ncpus" -ge 2 ] || die "-n must be at least 2 (the 1-CPU setting always runs; $online CPUs online)"
[ "$ncpus" -le "$online" ] || die "-n $ncpus, but only $online CPUs are online"
case $ops in '' | ,* | *, | *,,*) die "-o wants operations separated by commas, not '$ops'" ;; esac
reclaim=no
for o in $(echo "$ops" | tr , ' '); do
	case ",$ops_all," in
	*",$o,"*) ;;
	*) die "-o: unknown operation '$o' (known: $ops_all)" ;;
	esac
	case $o in reclaim | reclaim_mglru) reclaim=yes ;; esac
done
[ "$reclaim" = no ] || [ "$(id -u)" -eq 0 ] ||
	die "-o reclaim and reclaim_mglru need root: they swap on /dev/zram0, move the benchmark into the memory cgroup /sys/fs/cgroup/mm_bench and switch the multi-gen LRU (README.md)"
{ [ -d "$dir" ] && [ -w "$dir" ]; } || die "cannot write to $dir"
bench=$here/mm_bench
[ -x "$bench" ] || die "$bench missing: unpack the whole kit"
[ "$(uname -m)" = s390x ] || die "this kit runs on s390x (this is $(uname -m))"

# The largest region, twice (mremap moves it to a second one), must fit in
# what the machine has free, or reclaim and swap are what gets measured.
max=0
for p in $(echo "$pages" | tr , ' '); do
	[ "$p" -gt "$max" ] && max=$p
done
need_kb=$((max * 4 * 2 + 65536))
avail_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
[ "$need_kb" -le "$avail_kb" ] ||
	die "$max pages need about $((need_kb / 1024)) MB, but only $((avail_kb / 1024)) MB are available: use a smaller -p"
if [ "$reclaim" = yes ]; then
	grep -q '^/dev/zram0 ' /proc/swaps 2>/dev/null || [ -e /sys/block/zram0 ] ||
		die "-o reclaim and reclaim_mglru swap on zram: modprobe zram (CONFIG_ZRAM), or leave them out of -o"
	warn "reclaim: swap on /dev/zram0 stays on after the run (swapoff /dev/zram0 undoes it)"
fi

# What the numbers depend on: kernel, machine, facility 13.
kernel=$(uname -r)
machine=$(awk -F': *' '/^Type:/ { print $2; exit }' /proc/sysinfo 2>/dev/null || true)
[ -n "$machine" ] || machine=unknown
# The innermost level of /proc/sysinfo names what runs this Linux.
if grep -q 'Control Program: *KVM' /proc/sysinfo 2>/dev/null; then
	hyp=kvm
elif grep -q 'Control Program: *z/VM' /proc/sysinfo 2>/dev/null; then
	hyp=zvm
elif grep -q '^LPAR Number:' /proc/sysinfo 2>/dev/null; then
	hyp=lpar
else
	hyp=unknown
fi
# Facility 13: IPTE-range; 51: local-TLB-clearing (local IPTEs on 1 CPU).
facility() {
	if grep '^facilities' /proc/cpuinfo | grep -q -w "$1"; then
		echo yes
	else
		echo no
	fi
}
fac13=$(facility 13)
fac51=$(facility 51)
thp=$(sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true)
swap_kb=$(awk '/^SwapTotal:/ { print $2 }' /proc/meminfo)
cmdline=$(cat /proc/cmdline)
echo "run.sh: kernel $kernel, machine type $machine ($hyp), facility 13: $fac13, facility 51: $fac51, $online CPUs online, THP ${thp:-none}, swap ${swap_kb} kB" >&2
[ "${swap_kb:-0}" -gt 0 ] || warn "no swap: pageout reclaims no anonymous page"
echo "run.sh: kernel command line: $cmdline" >&2

load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" -v n="$online" 'BEGIN { exit !(l > n / 4) }'; then
	warn "load average $load on $online CPUs: a busy machine makes the numbers spread"
fi
for gov in /sys/devices/system/cpu/cpu*/cpufreq/scaling_governor; do
	[ -r "$gov" ] || continue
	[ "$(cat "$gov")" = performance ] || warn "CPU frequency scaling ($gov: $(cat "$gov"))"
	break
done

# Never overwrite an earlier run: the time makes the name unique.
out=$dir/mm_bench_${kernel}_${machine}-${hyp}_fac13-${fac13}_$(date +%Y%m%d-%H%M%S)
echo "run.sh: cases: pages $pages, 1 and $ncpus CPUs, $reps runs each; raw lines in $out.raw" >&2
"$bench" --pages "$pages" --cpus "1,$ncpus" --reps "$reps" --ops "$ops" >"$out.raw" ||
	die "mm_bench failed (see above; its output so far is in $out.raw)"

# One row per case: medians of the runs, and the spread of the time.
{
	echo "# kernel=$kernel machine=$machine hypervisor=$hyp facility13=$fac13 facility51=$fac51 cpus_online=$online thp=${thp:-none} swap_kb=$swap_kb"
	echo "# cmdline=$cmdline"
	grep '^BENCH ' "$out.raw" | awk -f "$here/summarize.awk"
} >"$out.csv" || {
	rm -f "$out.csv"
	die "cannot summarize $out.raw (above): is mm_bench from this kit?"
}

# The effects to see are a few percent: so is the spread that hides them.
wide=$(awk -F, '!/^#/ && NR > 3 && $8 > 5 { n++ } END { print n + 0 }' "$out.csv")
[ "$wide" -eq 0 ] ||
	warn "$wide cases spread more than 5% between runs (busy machine, shared CPUs, steal time?): more -r, or a quieter machine"
echo "$out.csv"
