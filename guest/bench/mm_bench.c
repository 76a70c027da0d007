// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmark of 'make bench': page-table heavy operations on a
 * populated, 1 MB-aligned anonymous region, each measured on its own.
 * For every operation, size and repetition it prints one line
 *
 *   BENCH <op> <pages> <cpus> <rep> <nr_ipte> <nr_ipte_range> <nr_ipte_ptes> <ns>
 *
 * with the kernel's invalidation counters (CONFIG_DEBUG_IPTE) and the guest
 * clock around the operation alone. Under QEMU with -icount shift=0 the
 * guest clock advances 1 ns per executed guest instruction, so <ns> is the
 * operation's cost in guest instructions.
 *
 * <cpus> is the setting: 1 = the mm has only ever run on CPU 0; 2 = a
 * helper thread keeps it attached to CPU 1 too, so that invalidations
 * take the global path. Each setting runs in a fresh process.
 *
 * Kernel command line parameters:
 *   bench.pages=1,16,256  region sizes in pages
 *   bench.cpus=1,2        settings
 *   bench.reps=3          repetitions of each measurement
 *   bench.ops=fork,...    operations (default: all)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../guest.h"

/* The region an operation works on and the address mremap moves it to. */
struct region {
	char *p;
	char *spare;
	size_t size;
};

struct op {
	const char *name;
	/* Prepare @r outside the measurement: map and populate. */
	void (*setup)(struct region *r);
	/* The measured part; returns 0 on success. */
	int (*run)(struct region *r);
	/* Release what run() left, outside the measurement. */
	void (*teardown)(struct region *r);
};

static void setup_empty(struct region *r)
{
	r->p = map_aligned(r->size, TABLE_SIZE);
}

static void setup_populated(struct region *r)
{
	setup_empty(r);
	memset(r->p, 0x5a, r->size);
}

static void setup_mremap(struct region *r)
{
	setup_populated(r);
	r->spare = map_aligned(r->size, TABLE_SIZE);
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

/*
 * fork() as the parent sees it: copying the page tables and write
 * protecting the parent's PTEs. The child waits on a pipe until the
 * measurement is over, so that its exit is not measured.
 */
static int fork_release_fd = -1;

static int run_fork(struct region *r)
{
	int fds[2];
	char c;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		if (read(fds[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(fds[0]);
	fork_release_fd = fds[1];
	return pid < 0 ? -1 : 0;
}

static void teardown_fork(struct region *r)
{
	int status;

	close(fork_release_fd);
	while (wait(&status) > 0)
		;
	teardown_unmap(r);
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

/* Opened before any measurement, so that run_pagemap_scan() only walks. */
static int pagemap_fd = -1;

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

static const struct op ops[] = {
	{ "fault", setup_empty, run_fault, teardown_unmap },
	{ "fork", setup_populated, run_fork, teardown_fork },
	{ "mprotect", setup_populated, run_mprotect, teardown_unmap },
	{ "munmap", setup_populated, run_munmap, teardown_nothing },
	{ "mremap", setup_mremap, run_mremap, teardown_mremap },
	{ "dontneed", setup_populated, run_dontneed, teardown_unmap },
	{ "cold", setup_populated, run_cold, teardown_unmap },
	{ "pageout", setup_populated, run_pageout, teardown_unmap },
	{ "free", setup_populated, run_free, teardown_unmap },
	{ "pagemap_scan", setup_populated, run_pagemap_scan, teardown_unmap },
};

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Is @name in the comma-separated @list (NULL: every name)? */
static int listed(const char *list, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	if (!list)
		return 1;
	for (p = list; (p = strstr(p, name)); p += len) {
		if ((p == list || p[-1] == ',') && (p[len] == ',' || !p[len]))
			return 1;
	}
	return 0;
}

/* Parse a comma-separated list of numbers into @out; returns the count. */
static int parse_list(const char *text, long *out, int max)
{
	int n = 0;
	char *end;

	while (text && *text && n < max) {
		out[n++] = strtol(text, &end, 10);
		if (end == text || out[n - 1] <= 0)
			return -1;
		text = *end == ',' ? end + 1 : end;
	}
	return n;
}

static int measure(const struct op *op, long pages, int cpus, int rep)
{
	struct ipte_counts before, after, d;
	struct region r = { .size = pages * PAGE_SIZE };
	long long t0, t1;
	int rc;

	op->setup(&r);
	ipte_counts_read(&before);
	t0 = now_ns();
	rc = op->run(&r);
	t1 = now_ns();
	ipte_counts_read(&after);
	op->teardown(&r);
	if (rc) {
		fail("mm_bench", "%s of %ld pages failed", op->name, pages);
		return -1;
	}
	d = ipte_counts_delta(&before, &after);
	printf("BENCH %s %ld %d %d %lu %lu %lu %lld\n", op->name, pages, cpus,
	       rep, d.ipte, d.range, d.ptes, t1 - t0);
	return 0;
}

/* One setting in a fresh process, so that no earlier run attached its mm. */
static int run_setting(int cpus, const long *pages, int nr_pages, int reps,
		       const char *op_list)
{
	int status, rc = 0;
	pid_t pid = fork();

	if (pid) {
		if (pid < 0 || waitpid(pid, &status, 0) < 0)
			return -1;
		return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	}
	/* Opened here: the file is bound to the mm of the process opening it. */
	pagemap_fd = open("/proc/self/pagemap", O_RDONLY);
	if (pagemap_fd < 0) {
		fail("mm_bench", "cannot open /proc/self/pagemap");
		exit(1);
	}
	if (cpus > 1 && !start_spinner())
		exit(1);
	for (unsigned int i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (!listed(op_list, ops[i].name))
			continue;
		for (int s = 0; s < nr_pages; s++)
			for (int rep = 0; rep < reps && !rc; rep++)
				rc = measure(&ops[i], pages[s], cpus, rep);
	}
	stop_spinner();
	exit(rc ? 1 : 0);
}

int main(void)
{
	long pages[16], cpus[4], reps = 3;
	const char *op_list = cmdline_value("bench.ops");
	struct ipte_counts probe;
	int nr_pages, nr_cpus;

	nr_pages = parse_list(cmdline_value("bench.pages") ?: "1,16,256", pages, 16);
	nr_cpus = parse_list(cmdline_value("bench.cpus") ?: "1,2", cpus, 4);
	reps = (long)cmdline_ulong("bench.reps", reps);
	if (nr_pages <= 0 || nr_cpus <= 0 || reps <= 0) {
		fail("mm_bench", "bad bench.pages, bench.cpus or bench.reps");
		return 1;
	}
	/* Settings fork from here: start them on CPU 0 and nowhere else. */
	pin_to_cpu(0);
	if (!ipte_counts_read(&probe)) {
		fail("mm_bench", "no nr_ipte* in /proc/vmstat: kernel without CONFIG_DEBUG_IPTE");
		return 1;
	}
	for (int c = 0; c < nr_cpus; c++) {
		if (cpus[c] > online_cpus() || cpus[c] > 2) {
			fail("mm_bench", "setting %ld CPUs needs -smp %ld or more (have %d; at most 2)",
			     cpus[c], cpus[c], online_cpus());
			return 1;
		}
		if (run_setting(cpus[c], pages, nr_pages, reps, op_list)) {
			fail("mm_bench", "setting %ld CPUs failed", cpus[c]);
			return 1;
		}
	}
	pass("mm_bench");
	return 0;
}
