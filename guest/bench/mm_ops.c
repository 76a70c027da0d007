// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for 'make demo': the page-table heavy operations the series
 * batches, on a populated 64 MB region with the mm attached to a second
 * CPU. Prints per operation the invalidations the kernel counted
 * (CONFIG_DEBUG_IPTE) and the best guest clock time of a few rounds;
 * under QEMU TCG the times are indicative only.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../guest.h"

#define REGION	(64 * TABLE_SIZE)
#define ROUNDS	3

/* What one round of an operation cost. */
struct cost {
	double seconds;
	struct ipte_counts counts;
};

static struct ipte_counts start_counts;
static double start_time;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void begin(void)
{
	ipte_counts_read(&start_counts);
	start_time = now();
}

static struct cost end(void)
{
	struct cost c = { .seconds = now() - start_time };
	struct ipte_counts counts;

	ipte_counts_read(&counts);
	c.counts = ipte_counts_delta(&start_counts, &counts);
	return c;
}

static char *populated(void)
{
	char *p = map_aligned(REGION, TABLE_SIZE);

	memset(p, 0x5a, REGION);
	return p;
}

static struct cost op_mprotect(void)
{
	char *p = populated();
	struct cost c;

	begin();
	mprotect(p, REGION, PROT_READ);
	mprotect(p, REGION, PROT_READ | PROT_WRITE);
	c = end();
	munmap(p, REGION);
	return c;
}

static struct cost op_munmap(void)
{
	char *p = populated();

	begin();
	munmap(p, REGION);
	return end();
}

static struct cost op_mremap(void)
{
	char *p = populated();
	char *q = map_aligned(REGION, TABLE_SIZE);
	struct cost c;

	begin();
	mremap(p, REGION, REGION, MREMAP_MAYMOVE | MREMAP_FIXED, q);
	c = end();
	munmap(q, REGION);
	return c;
}

static struct cost op_fork(void)
{
	char *p = populated();
	struct cost c;
	pid_t pid;

	begin();
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	c = end();
	munmap(p, REGION);
	return c;
}

static struct cost op_dontneed(void)
{
	char *p = populated();
	struct cost c;

	begin();
	madvise(p, REGION, MADV_DONTNEED);
	c = end();
	munmap(p, REGION);
	return c;
}

static const struct {
	const char *name;
	struct cost (*run)(void);
} ops[] = {
	{ "mprotect RW->R->RW", op_mprotect },
	{ "munmap", op_munmap },
	{ "mremap (move)", op_mremap },
	{ "fork + exit", op_fork },
	{ "madvise(DONTNEED)", op_dontneed },
};

int main(void)
{
	struct ipte_counts probe;
	int counted = ipte_counts_read(&probe);
	unsigned int i, r;

	start_spinner();
	printf("BENCH region %lu MB (%lu pages), %d CPUs, best of %d rounds\n",
	       REGION >> 20, REGION / PAGE_SIZE, online_cpus(), ROUNDS);
	printf("BENCH %-20s %8s %8s %8s %10s\n", "operation", "IPTEs",
	       "ranges", "PTEs", "guest ms");
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		struct cost c, best = { .seconds = 1e9 };

		for (r = 0; r < ROUNDS; r++) {
			c = ops[i].run();
			if (c.seconds < best.seconds)
				best = c;
		}
		if (counted)
			printf("BENCH %-20s %8lu %8lu %8lu %10.3f\n", ops[i].name,
			       best.counts.ipte, best.counts.range,
			       best.counts.ptes, best.seconds * 1e3);
		else
			printf("BENCH %-20s %8s %8s %8s %10.3f\n", ops[i].name,
			       "-", "-", "-", best.seconds * 1e3);
	}
	stop_spinner();
	pass("mm_ops");
	return 0;
}
