// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmark of 'make bench' and of the hardware kit (make hw-kit):
 * page-table heavy operations on a populated, 1 MB-aligned anonymous
 * region, each measured on its own. For every operation, size, setting and
 * repetition it prints one line
 *
 *   BENCH <op> <pages> <cpus> <rep> <global> <local> <range> <ptes> <purges> <ns> <cycles> <instructions>
 *
 * around the operation alone: the kernel's TLB purge counters, as a
 * machine with the IPTE-range facility executes them (struct ipte_counts:
 * single-entry IPTEs, global and local; ranged IPTEs; the entries they
 * invalidated; IDTEs and full-mm flushes), all five -1 without the
 * workbench's measurement patch (series/measure/); the CLOCK_MONOTONIC
 * time; and the CPU cycles and instructions this thread executed in user
 * and kernel mode (-1 where perf_event_open() gives no hardware counters,
 * e.g. under QEMU or without permission). Under QEMU with -icount shift=0
 * the guest clock advances 1 ns per executed guest instruction, so <ns>
 * is the operation's cost in guest instructions. With any number of
 * vCPUs, the workbench's QEMU plugin (tools/insn-count.c) counts the
 * instructions the vCPU running this thread executes between the two
 * marker instructions around the operation.
 *
 * <cpus> is the setting: the mm has only ever run on 1 CPU, or helper
 * threads keep it attached to <cpus> - 1 other CPUs, so that invalidations
 * take the global path. Each setting runs in a fresh process.
 *
 * The operations, on a region of <pages> pages:
 *   fault         first touch of every page of an empty region (a control)
 *   fork          fork() as the parent sees it
 *   fork_thp      fork() of a region in THP folios (only when named)
 *   mprotect      RW -> R -> RW
 *   sparse        RW -> R -> RW of a region with every other page populated
 *   munmap        munmap()
 *   mremap        a move to another 1 MB-aligned address
 *   dontneed, cold, pageout, free   madvise() MADV_DONTNEED, _COLD, ...
 *   pagemap_scan  the PAGEMAP_SCAN ioctl, a read-only walk
 *   clear_refs1   "1" to /proc/self/clear_refs: clear the young bits
 *   clear_refs4   "4": clear the soft-dirty bits (CONFIG_MEM_SOFT_DIRTY)
 *   exit          a child process holding the region exits and is reaped
 *   reclaim       memory.reclaim of the region's size from a memory cgroup
 *                 holding the process, with swap on zram (young bits
 *                 cleared through the rmap walk, page by page; only when
 *                 named: it sets up swap and a cgroup)
 *   reclaim_mglru the same with the multi-gen LRU on (its look-around
 *                 clears the young bits of up to 63 neighbours at once)
 * An operation that cannot run here (no THP, no soft-dirty) is skipped
 * with a line "mm_bench: <op> of <pages> pages skipped: <why>" on stderr.
 *
 * Options, from the kernel command line in the workbench's guest
 * (bench.pages=...) and from the command line elsewhere (--pages ...);
 * the command line wins:
 *   pages=1,16,256  region sizes in pages
 *   cpus=1,2        settings
 *   reps=3          repetitions of each measurement
 *   ops=fork,...    operations (default: all but fork_thp and the reclaim
 *                   ones; the item "default" stands for those)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../guest.h"
#include "../reclaim.h"

/*
 * The region an operation works on, the address mremap moves it to, and
 * the setting (CPUs the mm is attached to) for operations that make an mm
 * of their own.
 */
struct region {
	char *p;
	char *spare;
	size_t size;
	int cpus;
};

struct op {
	const char *name;
	/*
	 * Prepare @r outside the measurement: map and populate. Returns NULL,
	 * or why the operation cannot run here (it is skipped).
	 */
	const char *(*setup)(struct region *r);
	/* The measured part; returns 0 on success. */
	int (*run)(struct region *r);
	/* Release what run() left, outside the measurement. */
	void (*teardown)(struct region *r);
	/* Run only when named in the ops option. */
	int only_on_request;
	/*
	 * Optional: after the instructions are counted, before the counters
	 * are read, wait for what run() started, so that its invalidations
	 * land in the counts every time.
	 */
	void (*settle)(struct region *r);
	/*
	 * Optional: after the counters are read, check that run() did what
	 * is measured; returns NULL, or what it did not do (a failure).
	 */
	const char *(*verify)(struct region *r);
};

/*
 * An order-0 region: with THP "always" it would be populated with PMD
 * folios (and could be collapsed meanwhile), measuring other paths.
 */
static const char *setup_empty(struct region *r)
{
	r->p = map_aligned(r->size, TABLE_SIZE);
	madvise(r->p, r->size, MADV_NOHUGEPAGE);
	return NULL;
}

static const char *setup_populated(struct region *r)
{
	setup_empty(r);
	memset(r->p, 0x5a, r->size);
	return NULL;
}

/* Anonymous memory in the huge pages of one s390 segment (1 MB) each. */
static long anon_huge_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/smaps_rollup", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

/* Populated with PMD-size (THP) folios, where the kernel gives them. */
static const char *setup_thp(struct region *r)
{
	long before;

	if (r->size % TABLE_SIZE)
		return "a THP region is a multiple of 256 pages";
	r->p = map_aligned(r->size, TABLE_SIZE);
	if (madvise(r->p, r->size, MADV_HUGEPAGE)) {
		munmap(r->p, r->size);
		return "no MADV_HUGEPAGE (kernel without THP)";
	}
	before = anon_huge_kb();
	memset(r->p, 0x5a, r->size);
	if (anon_huge_kb() - before < (long)(r->size >> 10)) {
		munmap(r->p, r->size);
		return "no THP for the region (THP disabled, no EDAT-1, or no free huge pages)";
	}
	return NULL;
}

static const char *setup_mremap(struct region *r)
{
	setup_populated(r);
	r->spare = map_aligned(r->size, TABLE_SIZE);
	return NULL;
}

static void teardown_unmap(struct region *r)
{
	munmap(r->p, r->size);
}

static void teardown_nothing(struct region *r)
{
}

static void teardown_mremap(struct region *r)
{
	munmap(r->spare, r->size);
}

/* First touch of every page: the page fault path, a control. */
static int run_fault(struct region *r)
{
	for (size_t off = 0; off < r->size; off += PAGE_SIZE)
		r->p[off] = 1;
	return 0;
}

/* Two pipes: the child says it is ready on one, waits for EOF on the other. */
static int child_pipes(int ready[2], int release[2])
{
	if (pipe(ready))
		return -1;
	if (!pipe(release))
		return 0;
	close(ready[0]);
	close(ready[1]);
	return -1;
}

/*
 * fork() as the parent sees it: copying the page tables and write
 * protecting the parent's PTEs. The child says it is running, then waits
 * on a pipe until the measurement is over, so that its exit is not
 * measured. Its first steps write to its stack (copy-on-write faults,
 * with their invalidations): settle_fork() waits for them before the
 * counters are read, so that they are counted every time rather than
 * when the scheduler happens to run the child in time.
 */
static int fork_release_fd = -1, fork_ready_fd = -1;

static int run_fork(struct region *r)
{
	int fds[2], ready[2];
	char c;
	pid_t pid;

	if (child_pipes(ready, fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		close(ready[0]);
		if (write(ready[1], "r", 1) != 1 || read(fds[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(fds[0]);
	close(ready[1]);
	fork_release_fd = fds[1];
	fork_ready_fd = ready[0];
	return pid < 0 ? -1 : 0;
}

static void settle_fork(struct region *r)
{
	char c;

	/* EOF if the child died: teardown_fork() reaps it either way. */
	if (read(fork_ready_fd, &c, 1) < 0)
		fail("mm_bench", "fork: no word from the child: %s", strerror(errno));
}

static void teardown_fork(struct region *r)
{
	int status;

	close(fork_release_fd);
	close(fork_ready_fd);
	while (wait(&status) > 0)
		;
	teardown_unmap(r);
}

/*
 * The exit of a process that has the populated region mapped. Setup forks
 * a child that maps and populates a region of its own, attaches its mm to
 * the setting's CPUs with helper threads of its own, says it is ready and
 * waits; fork and population stay outside the measurement. The measured
 * part releases the child, which then calls _exit(), and reaps it with
 * waitpid(): the wakeups, the exit of the child's threads, the teardown
 * of its whole mm (the region's pages and page tables freed; the rest is
 * this small process, shared copy-on-write) and the parent's wakeup. The
 * invalidation counters are system-wide, so they include the child's; the
 * cycles and instructions columns count this thread only, the waiting.
 */
static struct {
	pid_t pid;
	int release_fd;
} exit_child = { -1, -1 };

static void __attribute__((noreturn))
exit_child_main(struct region *r, int ready_fd, int release_fd)
{
	char c = 0;

	setup_populated(r);
	if (start_spinners(r->cpus - 1) != r->cpus - 1 ||
	    write(ready_fd, &c, 1) != 1)
		_exit(1);
	/* Returns when the parent closes its end: the measurement runs. */
	if (read(release_fd, &c, 1) < 0)
		_exit(1);
	_exit(0);
}

/*
 * Since fork, this process's pages are shared copy-on-write with the
 * child. ipte_counts_read() copies the counters into its buffer after the
 * kernel read them: the first such copy after fork would take
 * copy-on-write faults, with their invalidations, inside the measurement.
 * Take them now.
 */
static void exit_unshare_counter_buffer(void)
{
	struct ipte_counts unused;

	ipte_counts_read(&unused);
}

static const char *setup_exit(struct region *r)
{
	int ready[2], release[2];
	char c;
	pid_t pid;

	if (child_pipes(ready, release))
		return "no pipes for the child";
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(release[1]);
		exit_child_main(r, ready[1], release[0]);
	}
	close(ready[1]);
	close(release[0]);
	if (pid > 0 && read(ready[0], &c, 1) == 1) {
		close(ready[0]);
		exit_child.pid = pid;
		exit_child.release_fd = release[1];
		exit_unshare_counter_buffer();
		return NULL;
	}
	close(ready[0]);
	close(release[1]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return "the child process did not get ready (fork, memory or threads failed)";
}

static int run_exit(struct region *r)
{
	int status;

	close(exit_child.release_fd);
	if (waitpid(exit_child.pid, &status, 0) != exit_child.pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void teardown_exit(struct region *r)
{
	exit_child.pid = -1;
	exit_child.release_fd = -1;
}

static int run_mprotect(struct region *r)
{
	if (mprotect(r->p, r->size, PROT_READ))
		return -1;
	return mprotect(r->p, r->size, PROT_READ | PROT_WRITE);
}

static int run_munmap(struct region *r)
{
	return munmap(r->p, r->size);
}

static int run_mremap(struct region *r)
{
	return mremap(r->p, r->size, r->size, MREMAP_MAYMOVE | MREMAP_FIXED,
		      r->spare) == MAP_FAILED ? -1 : 0;
}

static int run_dontneed(struct region *r)
{
	return madvise(r->p, r->size, MADV_DONTNEED);
}

static int run_cold(struct region *r)
{
	return madvise(r->p, r->size, MADV_COLD);
}

static int run_pageout(struct region *r)
{
	return madvise(r->p, r->size, MADV_PAGEOUT);
}

static int run_free(struct region *r)
{
	return madvise(r->p, r->size, MADV_FREE);
}

/* Opened before any measurement, so that the runs only walk. */
static int pagemap_fd = -1;
static int clear_refs_fd = -1;
/* Why there is no swap (main() sets it up for reclaim), or NULL. */
static const char *no_swap;

/* Bits of a /proc/pid/pagemap entry (Documentation/admin-guide/mm/pagemap.rst). */
#define PM_PRESENT	(1ULL << 63)
#define PM_SWAP		(1ULL << 62)
#define PM_SOFT_DIRTY	(1ULL << 55)

/* The pagemap entry of the page at @addr; 0 if it cannot be read. */
static uint64_t pagemap_entry(const char *addr)
{
	uint64_t entry;
	off_t off = (uintptr_t)addr / PAGE_SIZE * sizeof(entry);

	if (pread(pagemap_fd, &entry, sizeof(entry), off) != sizeof(entry))
		return 0;
	return entry;
}

/*
 * Every other page populated, the others never touched: mprotect then
 * finds the valid entries of each PTE table separated by empty ones.
 * Skipped where the kernel fills the gaps itself (large anonymous folios),
 * which would measure the dense case again.
 */
static const char *setup_sparse(struct region *r)
{
	setup_empty(r);
	for (size_t off = 0; off < r->size; off += 2 * PAGE_SIZE)
		memset(r->p + off, 0x5a, PAGE_SIZE);
	if (r->size > PAGE_SIZE && (pagemap_entry(r->p + PAGE_SIZE) & PM_PRESENT)) {
		munmap(r->p, r->size);
		return "the kernel populated the pages left untouched (large folios?)";
	}
	return NULL;
}

/* A read-only walk: s390 has no uffd-wp, so nothing is written. */
static int run_pagemap_scan(struct region *r)
{
	static struct page_region regions[64];
	struct pm_scan_arg arg = {
		.size = sizeof(arg),
		.start = (uintptr_t)r->p,
		.end = (uintptr_t)r->p + r->size,
		.vec = (uintptr_t)regions,
		.vec_len = 64,
		.category_mask = PAGE_IS_PRESENT,
		.return_mask = PAGE_IS_PRESENT,
	};

	return ioctl(pagemap_fd, PAGEMAP_SCAN, &arg) != 1 ? -1 : 0;
}

/*
 * /proc/self/clear_refs walks the whole mm, not only the region. The rest
 * of this process is kept small (a static binary, its stack and heap, the
 * helper threads' stacks; regions of earlier runs are unmapped), so the
 * region dominates from one page table (256 pages) on; at fewer pages the
 * rest weighs in. "1" clears the referenced bits, "4" the soft-dirty bits
 * (CRIU).
 */
static int write_clear_refs(const char *what)
{
	return pwrite(clear_refs_fd, what, 1, 0) == 1 ? 0 : -1;
}

/*
 * The region's pages young, and as little else as can be. s390 keeps the
 * young bit in software: an old PTE is invalid in hardware, so making a
 * young one old takes an IPTE, and changing an old one takes none. Making
 * the whole process old first leaves young only the region and the few
 * pages touched between setup and measurement (stack, code, data).
 */
static const char *setup_young(struct region *r)
{
	if (write_clear_refs("1"))
		return "cannot write 1 to /proc/self/clear_refs";
	return setup_populated(r);
}

/*
 * A written, so soft-dirty, and young region. "4" write-protects every
 * present PTE of the process, soft-dirty or not; on s390 only the young
 * ones (valid in hardware) need an IPTE, so setup_young() keeps the rest
 * of the process out of the count, as for "1". Without
 * CONFIG_MEM_SOFT_DIRTY the kernel accepts "4" and does nothing: pagemap
 * tells, as a page just written is soft-dirty wherever the kernel tracks
 * it.
 */
static const char *setup_soft_dirty(struct region *r)
{
	const char *skip = setup_young(r);

	if (skip || (pagemap_entry(r->p) & PM_SOFT_DIRTY))
		return skip;
	munmap(r->p, r->size);
	return "no soft-dirty bits (kernel without CONFIG_MEM_SOFT_DIRTY)";
}

static int run_clear_refs1(struct region *r)
{
	return write_clear_refs("1");
}

static int run_clear_refs4(struct region *r)
{
	return write_clear_refs("4");
}

/*
 * Reclaim: the process moves into a memory cgroup of its own with the
 * first reclaim setup (so reclaim operations come last: the rest of the
 * setting would run charged there) and locks what it has mapped, so that
 * the region, populated after that and charged there, is all that cgroup
 * can reclaim. Its pages are young, as after a first touch: reclaim finds
 * them referenced through the rmap walk and clears the young bits (an
 * IPTE each on s390, where the young bit is software: an old entry is
 * invalid); the multi-gen LRU's look-around then clears those of up to
 * 63 neighbours at once (lru_gen_look_around()). The pages go to zram.
 */
static const char *setup_reclaim_lru(struct region *r, int mglru)
{
	const char *skip = no_swap ?: reclaim_enter_memcg() ?:
			   reclaim_lru_gen(mglru);

	if (skip)
		return skip;
	/*
	 * Again for every region: mappings made since are locked too. On
	 * fault: the helper threads' stacks are not populated for it.
	 */
	if (mlockall(MCL_CURRENT | MCL_ONFAULT)) {
		static char why[64];

		snprintf(why, sizeof(why), "mlockall: %s", strerror(errno));
		return why;
	}
	return setup_populated(r);
}

static const char *setup_reclaim(struct region *r)
{
	return setup_reclaim_lru(r, 0);
}

static const char *setup_reclaim_mglru(struct region *r)
{
	return setup_reclaim_lru(r, 1);
}

static int run_reclaim(struct region *r)
{
	return reclaim_bytes(r->size);
}

/* The region being all the cgroup can reclaim, every page must be out. */
static const char *verify_reclaimed(struct region *r)
{
	static char why[96];
	size_t out = 0, pages = r->size / PAGE_SIZE;

	for (size_t off = 0; off < r->size; off += PAGE_SIZE)
		out += !!(pagemap_entry(r->p + off) & PM_SWAP);
	if (out == pages)
		return NULL;
	snprintf(why, sizeof(why), "%zu of %zu pages swapped out", out, pages);
	return why;
}

/* The multi-gen LRU as it was, for whatever runs next. */
static void teardown_reclaim(struct region *r)
{
	const char *err = reclaim_lru_gen_restore();

	teardown_unmap(r);
	if (err) {
		fail("mm_bench", "%s", err);
		exit(1);
	}
}

/*
 * The operations in the order they run. Those run only on request change
 * the machine (reclaim: swap on zram, a cgroup, the multi-gen LRU) or need
 * what it may not have (THP).
 */
#define OP(n, ...)	{ .name = n, __VA_ARGS__ }
static const struct op ops[] = {
	OP("fault", .setup = setup_empty, .run = run_fault,
	   .teardown = teardown_unmap),
	OP("fork", .setup = setup_populated, .run = run_fork,
	   .teardown = teardown_fork, .settle = settle_fork),
	OP("fork_thp", .setup = setup_thp, .run = run_fork,
	   .teardown = teardown_fork, .only_on_request = 1,
	   .settle = settle_fork),
	OP("mprotect", .setup = setup_populated, .run = run_mprotect,
	   .teardown = teardown_unmap),
	OP("sparse", .setup = setup_sparse, .run = run_mprotect,
	   .teardown = teardown_unmap),
	OP("munmap", .setup = setup_populated, .run = run_munmap,
	   .teardown = teardown_nothing),
	OP("mremap", .setup = setup_mremap, .run = run_mremap,
	   .teardown = teardown_mremap),
	OP("dontneed", .setup = setup_populated, .run = run_dontneed,
	   .teardown = teardown_unmap),
	OP("cold", .setup = setup_populated, .run = run_cold,
	   .teardown = teardown_unmap),
	OP("pageout", .setup = setup_populated, .run = run_pageout,
	   .teardown = teardown_unmap),
	OP("free", .setup = setup_populated, .run = run_free,
	   .teardown = teardown_unmap),
	OP("pagemap_scan", .setup = setup_populated, .run = run_pagemap_scan,
	   .teardown = teardown_unmap),
	OP("clear_refs1", .setup = setup_young, .run = run_clear_refs1,
	   .teardown = teardown_unmap),
	OP("clear_refs4", .setup = setup_soft_dirty, .run = run_clear_refs4,
	   .teardown = teardown_unmap),
	OP("exit", .setup = setup_exit, .run = run_exit,
	   .teardown = teardown_exit),
	/* Last: they move the process into a memory cgroup (above). */
	OP("reclaim", .setup = setup_reclaim, .run = run_reclaim,
	   .teardown = teardown_reclaim, .only_on_request = 1,
	   .verify = verify_reclaimed),
	OP("reclaim_mglru", .setup = setup_reclaim_mglru, .run = run_reclaim,
	   .teardown = teardown_reclaim, .only_on_request = 1,
	   .verify = verify_reclaimed),
};

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Hardware counters of this thread, user and kernel: -1 if unavailable. */
static int perf_fd[2] = { -1, -1 };

static void perf_open(void)
{
	static const unsigned long long config[2] = {
		PERF_COUNT_HW_CPU_CYCLES, PERF_COUNT_HW_INSTRUCTIONS,
	};
	struct perf_event_attr attr;

	for (int i = 0; i < 2; i++) {
		memset(&attr, 0, sizeof(attr));
		attr.size = sizeof(attr);
		attr.type = PERF_TYPE_HARDWARE;
		attr.config = config[i];
		attr.exclude_hv = 1;
		perf_fd[i] = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
		if (perf_fd[i] < 0)
			fprintf(stderr, "mm_bench: no %s counter (%s): %s; the column is -1\n",
				i ? "instructions" : "cycles", strerror(errno),
				errno == EACCES || errno == EPERM ?
				"see /proc/sys/kernel/perf_event_paranoid" :
				"no CPU-measurement counter facility here (on an LPAR it must be authorized in the activation profile)");
	}
}

static void perf_read(long long *v)
{
	for (int i = 0; i < 2; i++)
		if (perf_fd[i] < 0 || read(perf_fd[i], &v[i], sizeof(v[i])) != sizeof(v[i]))
			v[i] = -1;
}

/* Is @name an item of the comma-separated @list? */
static int in_list(const char *list, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)); p += len) {
		if ((p == list || p[-1] == ',') && (p[len] == ',' || !p[len]))
			return 1;
	}
	return 0;
}

/*
 * Is @name in @list? NULL, or the item "default" in it, stands for @def:
 * whether @name runs by default.
 */
static int listed(const char *list, const char *name, int def)
{
	if (!list)
		return def;
	return in_list(list, name) || (def && in_list(list, "default"));
}

/* Parse a comma-separated list of numbers into @out; returns the count. */
static int parse_list(const char *text, long *out, int max)
{
	int n = 0;
	char *end;

	while (text && *text) {
		if (n == max)
			return -1;
		out[n++] = strtol(text, &end, 10);
		if (end == text || out[n - 1] <= 0 || (*end && *end != ','))
			return -1;
		text = *end == ',' ? end + 1 : end;
	}
	return n;
}

static int have_counters;

/*
 * Start and stop markers of the workbench's QEMU plugin (tools/insn-count.c),
 * which counts the guest instructions this vCPU executes between them: BC
 * with mask 0 ("nop D") never branches and touches no storage, so they are
 * no-ops everywhere else; compilers emit BC 0 only with displacement 0.
 */
static inline void insn_count_start(void)
{
	asm volatile("nop 2897" ::: "memory");
}

static inline void insn_count_stop(void)
{
	asm volatile("nop 2896" ::: "memory");
}

/* Returns 0 on success or skip, -1 on failure. */
static int measure(const struct op *op, long pages, int cpus, int rep)
{
	struct ipte_counts before, after, d;
	struct region r = { .size = pages * PAGE_SIZE, .cpus = cpus };
	long long t0, t1, p0[2], p1[2];
	const char *skip, *not_done = NULL;
	int rc, err;

	skip = op->setup(&r);
	if (skip) {
		if (rep == 0)
			fprintf(stderr, "mm_bench: %s of %ld pages skipped: %s\n",
				op->name, pages, skip);
		return 0;
	}
	ipte_counts_read(&before);
	perf_read(p0);
	t0 = now_ns();
	insn_count_start();
	rc = op->run(&r);
	insn_count_stop();
	err = errno;
	t1 = now_ns();
	perf_read(p1);
	if (!rc && op->settle)
		op->settle(&r);
	ipte_counts_read(&after);
	if (!rc && op->verify)
		not_done = op->verify(&r);
	op->teardown(&r);
	if (rc) {
		fail("mm_bench", "%s of %ld pages failed: %s", op->name, pages,
		     strerror(err));
		return -1;
	}
	if (not_done) {
		fail("mm_bench", "%s of %ld pages: %s", op->name, pages, not_done);
		return -1;
	}
	d = ipte_counts_delta(&before, &after);
	if (have_counters)
		printf("BENCH %s %ld %d %d %lu %lu %lu %lu %lu", op->name, pages,
		       cpus, rep, d.global, d.local, d.range, d.ptes, d.purges);
	else
		printf("BENCH %s %ld %d %d -1 -1 -1 -1 -1", op->name, pages, cpus,
		       rep);
	printf(" %lld %lld %lld\n", t1 - t0,
	       p0[0] < 0 || p1[0] < 0 ? -1 : p1[0] - p0[0],
	       p0[1] < 0 || p1[1] < 0 ? -1 : p1[1] - p0[1]);
	fflush(stdout);
	return 0;
}

/* One setting in a fresh process, so that no earlier run attached its mm. */
static int run_setting(int cpus, const long *pages, int nr_pages, int reps,
		       const char *op_list)
{
	int status, rc = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid) {
		if (pid < 0 || waitpid(pid, &status, 0) < 0)
			return -1;
		return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	}
	/* Opened here: the files are bound to the mm of the process opening them. */
	pagemap_fd = open("/proc/self/pagemap", O_RDONLY);
	clear_refs_fd = open("/proc/self/clear_refs", O_WRONLY);
	if (pagemap_fd < 0 || clear_refs_fd < 0) {
		fail("mm_bench", "cannot open /proc/self/pagemap or clear_refs");
		exit(1);
	}
	if (start_spinners(cpus - 1) != cpus - 1) {
		fail("mm_bench", "cannot attach the mm to %d CPUs", cpus);
		exit(1);
	}
	perf_open();
	for (unsigned int i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (!listed(op_list, ops[i].name, !ops[i].only_on_request))
			continue;
		fprintf(stderr, "mm_bench: %d CPU(s): %s\n", cpus, ops[i].name);
		for (int s = 0; s < nr_pages; s++)
			for (int rep = 0; rep < reps && !rc; rep++)
				rc = measure(&ops[i], pages[s], cpus, rep);
	}
	stop_spinner();
	exit(rc ? 1 : 0);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: mm_bench [--pages N,...] [--cpus N,...] [--reps N] [--ops OP,...]\n"
		"  (in the workbench's guest: bench.pages=... etc. on the kernel command line)\n"
		"ops:");
	for (unsigned int i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		fprintf(stderr, " %s%s", ops[i].name,
			ops[i].only_on_request ? "(*)" : "");
	fprintf(stderr, "\n  (*) only when named\n");
}

/*
 * The stack starts at a random offset within its page (and the heap at a
 * random page): whether the measured code's frames straddle a page
 * boundary would then differ from process to process, and after fork or
 * clear_refs every page written in the window costs an invalidation. Run
 * with a fixed layout, the same on every kernel compared.
 */
static void fixed_layout(char **argv)
{
	int persona = personality(0xffffffff);

	if (persona < 0 || (persona & ADDR_NO_RANDOMIZE))
		return;
	if (personality(persona | ADDR_NO_RANDOMIZE) < 0) {
		fail("mm_bench", "personality(ADDR_NO_RANDOMIZE): %s", strerror(errno));
		exit(1);
	}
	execv("/proc/self/exe", argv);
	fail("mm_bench", "cannot re-execute itself without address space randomization: %s",
	     strerror(errno));
	exit(1);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "pages", required_argument, NULL, 'p' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "reps", required_argument, NULL, 'r' },
		{ "ops", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *page_list = cmdline_value("bench.pages") ?: "1,16,256";
	const char *cpu_list = cmdline_value("bench.cpus") ?: "1,2";
	const char *reps_text = cmdline_value("bench.reps") ?: "3";
	const char *op_list = cmdline_value("bench.ops");
	long pages[16], cpus[8], reps[1];
	struct ipte_counts probe;
	int nr_pages, nr_cpus, opt;

	fixed_layout(argv);
	while ((opt = getopt_long(argc, argv, "p:c:r:o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'p': page_list = optarg; break;
		case 'c': cpu_list = optarg; break;
		case 'r': reps_text = optarg; break;
		case 'o': op_list = optarg; break;
		default: usage(); return opt == 'h' ? 0 : 2;
		}
	}
	nr_pages = parse_list(page_list, pages, 16);
	nr_cpus = parse_list(cpu_list, cpus, 8);
	if (nr_pages <= 0 || nr_cpus <= 0 || parse_list(reps_text, reps, 1) != 1 ||
	    optind != argc) {
		fail("mm_bench", "bad pages, cpus or reps, or extra arguments");
		usage();
		return 2;
	}
	for (unsigned int i = 0; op_list && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (listed(op_list, ops[i].name, !ops[i].only_on_request))
			goto ops_ok;
	if (op_list) {
		fail("mm_bench", "no known operation in '%s'", op_list);
		usage();
		return 2;
	}
ops_ok:
	have_counters = ipte_counts_read(&probe);
	/*
	 * The reclaim operations need swap, which is then on for every
	 * setting and operation of the run alike (MADV_PAGEOUT swaps out).
	 */
	if (listed(op_list, "reclaim", 0) || listed(op_list, "reclaim_mglru", 0))
		no_swap = reclaim_swap_on();
	if (no_swap)
		fprintf(stderr, "mm_bench: no swap (%s): reclaim is skipped\n",
			no_swap);
	if (!have_counters)
		fprintf(stderr, "mm_bench: no TLB purge counters in /proc/vmstat (kernel without the workbench's measurement patch, series/measure/): invalidations not counted\n");
	for (int c = 0; c < nr_cpus; c++) {
		if (cpus[c] > allowed_cpus() || cpus[c] > 64) {
			fail("mm_bench", "setting %ld CPUs, but the program may run on %d (at most 64)",
			     cpus[c], allowed_cpus());
			return 1;
		}
	}
	/*
	 * Settings fork from here: a child placed on another CPU first would
	 * leave its mm attached there.
	 */
	pin_to_cpu(first_cpu());
	for (int c = 0; c < nr_cpus; c++) {
		if (run_setting(cpus[c], pages, nr_pages, reps[0], op_list)) {
			fail("mm_bench", "setting %ld CPUs failed", cpus[c]);
			return 1;
		}
	}
	pass("mm_bench");
	return 0;
}
