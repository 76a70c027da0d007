// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for 'make demo': times the page-table heavy operations the
 * series batches on a populated region, with the mm attached to a second
 * CPU. Prints one line per operation. Guest clock times under QEMU TCG
 * are indicative only; the benchmark issue replaces them with counters.
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
#define ROUNDS	5

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *populated(void)
{
	char *p = map_aligned(REGION, TABLE_SIZE);

	memset(p, 0x5a, REGION);
	return p;
}

static double op_mprotect(void)
{
	char *p = populated();
	double t = now();

	mprotect(p, REGION, PROT_READ);
	mprotect(p, REGION, PROT_READ | PROT_WRITE);
	t = now() - t;
	munmap(p, REGION);
	return t;
}

static double op_munmap(void)
{
	char *p = populated();
	double t = now();

	munmap(p, REGION);
	return now() - t;
}

static double op_mremap(void)
{
	char *p = populated();
	char *q = map_aligned(REGION, TABLE_SIZE);
	double t = now();

	mremap(p, REGION, REGION, MREMAP_MAYMOVE | MREMAP_FIXED, q);
	t = now() - t;
	munmap(q, REGION);
	return t;
}

static double op_fork(void)
{
	char *p = populated();
	double t = now();
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	t = now() - t;
	munmap(p, REGION);
	return t;
}

static double op_dontneed(void)
{
	char *p = populated();
	double t = now();

	madvise(p, REGION, MADV_DONTNEED);
	t = now() - t;
	munmap(p, REGION);
	return t;
}

static const struct {
	const char *name;
	double (*run)(void);
} ops[] = {
	{ "mprotect RW->R->RW", op_mprotect },
	{ "munmap", op_munmap },
	{ "mremap (move)", op_mremap },
	{ "fork + exit", op_fork },
	{ "madvise(DONTNEED)", op_dontneed },
};

int main(void)
{
	unsigned int i, r;

	start_spinner();
	printf("BENCH region %lu MB (%lu pages), %d CPUs, best of %d\n",
	       REGION >> 20, REGION / PAGE_SIZE, online_cpus(), ROUNDS);
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		double best = 1e9;

		for (r = 0; r < ROUNDS; r++) {
			double t = ops[i].run();

			if (t < best)
				best = t;
		}
		printf("BENCH %-20s %10.3f ms\n", ops[i].name, best * 1e3);
	}
	stop_spinner();
	pass("mm_ops");
	return 0;
}
