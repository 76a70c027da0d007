// SPDX-License-Identifier: GPL-2.0
/*
 * What the batched walkers cost in invalidations, read from the kernel's
 * counters around one operation on a populated, 1 MB-aligned region:
 * - mm attached to two CPUs: every PTE of the region invalidated, in runs
 *   of one page table (mprotect, mremap), or one IPTE per PTE where the
 *   walker is not batched (munmap and MADV_DONTNEED: zap_pte_range() keeps
 *   a plain section, s390 frees zapped pages at once);
 * - mm attached to this CPU only (a guest with one CPU): no IPTE at all,
 *   as in a kernel without batching, and whatever IPTE it takes (below)
 *   is local: no other CPU's TLB holds its entries;
 * - clear_refs ("1": young bits, "4": soft-dirty bits) walks the whole mm:
 *   with two CPUs every young (resp. valid) PTE of the region is
 *   invalidated in ranges, as are the few other pages the process has
 *   touched (where such a page has no valid neighbour, its run of one
 *   takes a single IPTE, as ptep_ipte_run() issues it); "1" with one CPU keeps its local IPTE per young PTE, as
 *   ptep_test_and_clear_young() issues without batching. After "4" the
 *   process's own next writes to its stack and data fault on the
 *   write-protected entries, and each such fault takes a single IPTE,
 *   batched or not.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
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
/* Ranges clear_refs may add for the rest of the process (stack, libc). */
#define OTHER_TABLES	32
/* Its single IPTEs there: runs of one entry, issued without the range. */
#define OTHER_SINGLES	32
/* Single IPTEs of the write faults that follow clear_refs "4" (above). */
#define WRITE_FAULTS	8

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

static char *write_clear_refs(char *p, const char *what)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY);
	int ok = fd >= 0 && write(fd, what, 1) == 1;

	if (fd >= 0)
		close(fd);
	return ok ? p : NULL;
}

static char *op_clear_young(char *p, char *spare)
{
	return write_clear_refs(p, "1");
}

static char *op_clear_soft_dirty(char *p, char *spare)
{
	return write_clear_refs(p, "4");
}

static const struct {
	const char *name;
	char *(*run)(char *p, char *spare);
	unsigned long max_ranges;
	/* Walks the whole mm: more PTEs than the region's. */
	int whole_mm;
	/* Without batching it issues a local IPTE per PTE on one CPU. */
	int local_ipte;
	/* Write-protects the process: its next writes fault. */
	int write_faults;
} ops[] = {
	{ .name = "mprotect", .run = op_mprotect, .max_ranges = TABLES },
	{ .name = "munmap", .run = op_munmap, .max_ranges = NOT_BATCHED },
	{ .name = "mremap", .run = op_mremap, .max_ranges = TABLES },
	{ .name = "madv_dontneed", .run = op_dontneed, .max_ranges = NOT_BATCHED },
	{ .name = "clear_refs_young", .run = op_clear_young,
	  .max_ranges = TABLES + OTHER_TABLES, .whole_mm = 1, .local_ipte = 1 },
	{ .name = "clear_refs_soft_dirty", .run = op_clear_soft_dirty,
	  .max_ranges = TABLES + OTHER_TABLES, .whole_mm = 1, .write_faults = 1 },
};

/*
 * Are the counts @d of operation @i right? They are those of a machine
 * with the IPTE-range facility (see struct ipte_counts).
 */
static int counts_ok(unsigned int i, const struct ipte_counts *d, int spinning)
{
	unsigned long ptes_min = PAGES, ptes_max = ops[i].whole_mm ? -1UL : PAGES;
	unsigned long faults = ops[i].write_faults ? WRITE_FAULTS : 0;
	/* Single-entry IPTEs, global or local. */
	unsigned long ipte = d->global + d->local;
	/* The entries the ranges covered. */
	unsigned long ranged = d->ptes - ipte;

	/* No other CPU has the mm's entries: nothing to clear there. */
	if (!spinning && d->global)
		return 0;
	if (!spinning && ops[i].local_ipte)
		return d->local >= PAGES && !d->range;
	if (!spinning)
		return ipte <= faults && !d->range;
	if (ops[i].max_ranges == NOT_BATCHED)
		return ipte == PAGES && !d->range && d->ptes == PAGES;
	return ipte <= faults + (ops[i].whole_mm ? OTHER_SINGLES : 0) &&
	       d->range >= TABLES &&
	       d->range <= ops[i].max_ranges &&
	       ranged >= ptes_min && ranged <= ptes_max;
}

int main(void)
{
	struct ipte_counts before, after, d;
	char name[64];
	int spinning = start_spinner();
	unsigned int i;
	char *p, *spare, *left;

	if (!ipte_counts_read(&before)) {
		fail("ipte_counts", "no TLB purge counters in /proc/vmstat: kernel without CONFIG_S390_COUNT_TLB_PURGES, the workbench's measurement patch (series/measure/)");
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
		printf("%s: global %lu local %lu range %lu ptes %lu purges %lu\n",
		       name, d.global, d.local, d.range, d.ptes, d.purges);
		if (!left)
			fail(name, "the operation failed");
		else if (!counts_ok(i, &d, spinning))
			fail(name, "expected %s", !spinning ?
			     (ops[i].local_ipte ? "a local IPTE per PTE, no global IPTE and no range" :
			      "no IPTE for an mm attached to one CPU (but its write faults' local ones)") :
			     ops[i].max_ranges == NOT_BATCHED ?
			     "one IPTE per PTE and no range" :
			     "ranges per page table over the region's PTEs, single IPTEs only for its write faults and the rest of the process");
		else
			pass(name);
		munmap(p, REGION);
		munmap(spare, REGION);
	}
	stop_spinner();
	return failures() ? 1 : 0;
}
