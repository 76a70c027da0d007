// SPDX-License-Identifier: GPL-2.0
/*
 * What the batched walkers cost in invalidations, read from the kernel's
 * counters around one operation on a populated, 1 MB-aligned region:
 * - mm attached to two CPUs: every PTE of the region invalidated, in runs
 *   of one page table (mprotect, mremap), or one IPTE per PTE where the
 *   walker is not batched (munmap and MADV_DONTNEED: zap_pte_range() keeps
 *   a plain section, s390 frees zapped pages at once);
 * - mm attached to this CPU only (a guest with one CPU): no IPTE at all,
 *   as in a kernel without batching.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../guest.h"

#define TABLES	64
#define REGION	(TABLES * TABLE_SIZE)
#define PAGES	(REGION / PAGE_SIZE)
/*
 * Runs never span page tables, so each table needs at least one. mprotect
 * and mremap use one section per table: exactly one run each.
 */
#define NOT_BATCHED	0

static char *populate(void)
{
	char *p = map_aligned(REGION, TABLE_SIZE);

	memset(p, 0x3c, REGION);
	return p;
}

/* Each operation returns what is left mapped of the region, or NULL. */
static char *op_mprotect(char *p, char *spare)
{
	return mprotect(p, REGION, PROT_READ) ? NULL : p;
}

static char *op_munmap(char *p, char *spare)
{
	return munmap(p, REGION) ? NULL : spare;
}

static char *op_mremap(char *p, char *spare)
{
	char *q = mremap(p, REGION, REGION, MREMAP_MAYMOVE | MREMAP_FIXED, spare);

	return q == MAP_FAILED ? NULL : q;
}

static char *op_dontneed(char *p, char *spare)
{
	return madvise(p, REGION, MADV_DONTNEED) ? NULL : p;
}

static const struct {
	const char *name;
	char *(*run)(char *p, char *spare);
	unsigned long max_ranges;
} ops[] = {
	{ "mprotect", op_mprotect, TABLES },
	{ "munmap", op_munmap, NOT_BATCHED },
	{ "mremap", op_mremap, TABLES },
	{ "madv_dontneed", op_dontneed, NOT_BATCHED },
};

int main(void)
{
	struct ipte_counts before, after, d;
	char name[64];
	int spinning = start_spinner();
	unsigned int i;
	char *p, *spare, *left;

	if (!ipte_counts_read(&before)) {
		fail("ipte_counts", "no nr_ipte* in /proc/vmstat: kernel without CONFIG_DEBUG_IPTE");
		return 1;
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		snprintf(name, sizeof(name), "ipte_counts/%s/%s", ops[i].name,
			 spinning ? "2cpu" : "1cpu");
		p = populate();
		/* Never populated: the mremap destination, else unused. */
		spare = map_aligned(REGION, TABLE_SIZE);
		ipte_counts_read(&before);
		left = ops[i].run(p, spare);
		ipte_counts_read(&after);
		d = ipte_counts_delta(&before, &after);
		printf("%s: nr_ipte %lu nr_ipte_range %lu nr_ipte_ptes %lu\n",
		       name, d.ipte, d.range, d.ptes);
		if (!left)
			fail(name, "the operation failed");
		else if (spinning && ops[i].max_ranges == NOT_BATCHED &&
			 (d.ipte != PAGES || d.range || d.ptes != PAGES))
			fail(name, "expected one IPTE per PTE (%lu) and no range", PAGES);
		else if (spinning && ops[i].max_ranges != NOT_BATCHED &&
			 (d.ipte || d.range < TABLES ||
			  d.range > ops[i].max_ranges || d.ptes != PAGES))
			fail(name, "expected no single IPTE and %d to %lu ranges over %lu PTEs",
			     TABLES, ops[i].max_ranges, PAGES);
		else if (!spinning && (d.ipte || d.range))
			fail(name, "IPTEs for an mm attached to one CPU");
		else
			pass(name);
		munmap(p, REGION);
		munmap(spare, REGION);
	}
	stop_spinner();
	return failures() ? 1 : 0;
}
