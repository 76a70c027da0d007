/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the guest test programs: reporting, fault probes, CPUs. */
#ifndef GUEST_H
#define GUEST_H

#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#define PAGE_SIZE	4096UL
#define TABLE_SIZE	(1UL << 20)	/* address range of one s390 PTE table */

#ifndef MADV_COLD
#define MADV_COLD	20
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

/* PAGEMAP_SCAN ABI, include/uapi/linux/fs.h (newer than the libc headers). */
struct page_region {
	uint64_t start, end, categories;
};

struct pm_scan_arg {
	uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
	uint64_t category_inverted, category_mask, category_anyof_mask;
	uint64_t return_mask;
};

#define PAGEMAP_SCAN	_IOWR('f', 16, struct pm_scan_arg)
#define PAGE_IS_PRESENT	(1 << 3)

/* Print "PASS name" or "FAIL name: reason" and count failures. */
void pass(const char *name);
void fail(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int failures(void);

/* Anonymous RW mapping of @size bytes whose start is aligned to @align. */
void *map_aligned(size_t size, size_t align);

/* Does a load from / a store to @addr succeed? A fault returns 0. */
int can_read(volatile const char *addr);
int can_write(volatile char *addr);
/* Store @val at @addr; 0 if that faulted. */
int can_store(volatile unsigned long *addr, unsigned long val);

/* Fill a buffer with words derived from @seed and their offset. */
void fill_pattern(void *p, size_t size, unsigned int seed);
/*
 * Check [@base + @off, + @len) against the pattern fill_pattern(@base, ...)
 * wrote there: offset from @base of the first mismatch, or -1.
 */
long check_pattern_at(const void *base, size_t off, size_t len,
		      unsigned int seed);
/* check_pattern_at(@p, 0, @size, @seed) */
long check_pattern(const void *p, size_t size, unsigned int seed);
/* Offset of the first non-zero byte of [@p, @p + @size), or -1. */
long check_zero(const void *p, size_t size);

/*
 * Keep the process's mm attached to more CPUs, so that invalidations take
 * the global path: the caller is pinned to first_cpu(), and a thread
 * pinned to each of the next @n CPUs the program was allowed to run on at
 * its start runs until stop_spinner(). Returns the number of threads
 * started (fewer CPUs: fewer threads).
 */
int start_spinners(int n);
/* start_spinners(1): the mm attached to a second CPU, if there is one. */
int start_spinner(void);
void stop_spinner(void);
int online_cpus(void);
/* The first of the CPUs the program was allowed to run on at its start. */
int first_cpu(void);
/* How many CPUs the program was allowed to run on at its start. */
int allowed_cpus(void);
/* Run the calling thread on @cpu only. */
void pin_to_cpu(int cpu);

/*
 * TLB purges counted in /proc/vmstat (s390 CONFIG_S390_COUNT_TLB_PURGES,
 * the workbench's measurement patch in series/measure/), as a machine with
 * the IPTE-range facility (13) executes them. Where the facility is
 * missing (QEMU TCG), the patched kernel issues a run it would invalidate
 * with one ranged IPTE as single global IPTEs and counts the run as a
 * fallback: here it counts as that one ranged IPTE.
 */
struct ipte_counts {
	unsigned long global;	/* single-entry IPTEs, all CPUs' TLBs */
	unsigned long local;	/* single-entry IPTEs, the issuing CPU's TLB */
	unsigned long range;	/* IPTEs with an entry count (IPTE-range) */
	unsigned long ptes;	/* page table entries the IPTEs invalidated */
	unsigned long purges;	/* IDTEs (huge pmd/pud) and full-mm flushes */
};

/*
 * Read the counters; 0 when the kernel does not have them (all nine
 * vmstat items). Uses no stdio and no heap, so reading them invalidates
 * nothing itself.
 */
int ipte_counts_read(struct ipte_counts *c);
/* @after - @before, field by field. */
struct ipte_counts ipte_counts_delta(const struct ipte_counts *before,
				     const struct ipte_counts *after);

/*
 * Read a small /proc or sysfs file into @buf, NUL-terminated, with no
 * heap use; 0 on success, -1 with errno set.
 */
int read_file(const char *path, char *buf, size_t size);
/* Write @text to the /proc or sysfs file @path: 0, or -1 with errno set. */
int write_file(const char *path, const char *text);

/*
 * The value of "@key=" on the kernel command line, which is how the host
 * passes parameters to guest programs, or NULL when it is not there. The
 * string is a copy the caller may keep.
 */
const char *cmdline_value(const char *key);
/* cmdline_value(@key) as a number, or @def when it is not there. */
unsigned long cmdline_ulong(const char *key, unsigned long def);

#endif
