/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the guest test programs: reporting, fault probes, CPUs. */
#ifndef GUEST_H
#define GUEST_H

#include <stddef.h>
#include <stdint.h>

#define PAGE_SIZE	4096UL
#define TABLE_SIZE	(1UL << 20)	/* address range of one s390 PTE table */

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

/* Fill or check one byte per word with a value derived from @seed. */
void fill_pattern(void *p, size_t size, unsigned int seed);
/* Offset of the first mismatch, or -1 when all of it matches. */
long check_pattern(const void *p, size_t size, unsigned int seed);

/*
 * Keep the process's mm attached to a second CPU: a thread pinned to
 * another CPU spins until stop_spinner(). The caller is pinned to CPU 0.
 * Returns 0 when only one CPU is online (no spinner started).
 */
int start_spinner(void);
void stop_spinner(void);
int online_cpus(void);

#endif
