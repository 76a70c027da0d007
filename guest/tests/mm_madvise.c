// SPDX-License-Identifier: GPL-2.0
/*
 * Content checks for the madvise walkers and PAGEMAP_SCAN that the series
 * batches, with the mm attached to a second CPU.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../guest.h"

#define REGION	(8 * TABLE_SIZE)

/* Is every page either all zero or what fill_pattern(p, .., seed) wrote? */
static long check_zero_or_pattern(char *p, size_t size, unsigned int seed)
{
	size_t off;

	for (off = 0; off < size; off += PAGE_SIZE)
		if (check_zero(p + off, PAGE_SIZE) >= 0 &&
		    check_pattern_at(p, off, PAGE_SIZE, seed) >= 0)
			return (long)off;
	return -1;
}

static void test_unchanged(const char *name, int advice)
{
	char *p = map_aligned(REGION, TABLE_SIZE);
	long bad;

	fill_pattern(p, REGION, 11);
	if (madvise(p, REGION, advice)) {
		fail(name, "madvise failed");
	} else if ((bad = check_pattern(p, REGION, 11)) >= 0) {
		fail(name, "data changed at offset %ld", bad);
	} else {
		fill_pattern(p, REGION, 12);
		if ((bad = check_pattern(p, REGION, 12)) >= 0)
			fail(name, "cannot write after madvise (offset %ld)", bad);
		else
			pass(name);
	}
	munmap(p, REGION);
}

static void test_dontneed(void)
{
	char *p = map_aligned(REGION, TABLE_SIZE);
	size_t keep = TABLE_SIZE / 2, drop = REGION - TABLE_SIZE;
	long bad;

	/* Drop whole tables and parts of two more. */
	fill_pattern(p, REGION, 13);
	madvise(p + keep, drop, MADV_DONTNEED);
	if ((bad = check_pattern_at(p, 0, keep, 13)) >= 0)
		fail("madv_dontneed", "data below the range changed at %ld", bad);
	else if ((bad = check_zero(p + keep, drop)) >= 0)
		fail("madv_dontneed", "dropped page not zero at %ld", keep + bad);
	else if ((bad = check_pattern_at(p, keep + drop, keep, 13)) >= 0)
		fail("madv_dontneed", "data above the range changed at %ld", bad);
	else
		pass("madv_dontneed");
	munmap(p, REGION);
}

static void test_free(void)
{
	char *p = map_aligned(REGION, TABLE_SIZE);
	long bad;

	fill_pattern(p, REGION, 14);
	madvise(p, REGION, MADV_FREE);
	/* Freed pages may be dropped at any time; kept ones keep their data. */
	bad = check_zero_or_pattern(p, REGION, 14);
	if (bad >= 0)
		fail("madv_free", "page at offset %ld neither zero nor its data", bad);
	else
		pass("madv_free");
	munmap(p, REGION);
}

static void test_pagemap_scan(void)
{
	char *p = map_aligned(REGION, TABLE_SIZE);
	struct page_region regions[16];
	struct pm_scan_arg arg = {
		.size = sizeof(arg),
		.start = (uintptr_t)p,
		.end = (uintptr_t)p + REGION,
		.vec = (uintptr_t)regions,
		.vec_len = 16,
		.category_mask = PAGE_IS_PRESENT,
		.return_mask = PAGE_IS_PRESENT,
	};
	int fd = open("/proc/self/pagemap", O_RDONLY);
	long n;

	fill_pattern(p, REGION, 15);
	/* A hole in the middle of each of the 8 tables: 9 present regions. */
	for (size_t t = 0; t < REGION; t += TABLE_SIZE)
		madvise(p + t + TABLE_SIZE / 2, PAGE_SIZE, MADV_DONTNEED);
	n = fd < 0 ? -1 : ioctl(fd, PAGEMAP_SCAN, &arg);
	if (n < 0) {
		fail("pagemap_scan", "PAGEMAP_SCAN failed");
	} else if (n != 9 || regions[0].start != (uintptr_t)p ||
		   regions[0].end != (uintptr_t)p + TABLE_SIZE / 2) {
		fail("pagemap_scan", "%ld regions, first %#llx-%#llx", n,
		     (unsigned long long)regions[0].start,
		     (unsigned long long)regions[0].end);
	} else {
		pass("pagemap_scan");
	}
	if (fd >= 0)
		close(fd);
	munmap(p, REGION);
}

int main(void)
{
	start_spinner();
	test_unchanged("madv_cold", MADV_COLD);
	test_unchanged("madv_pageout", MADV_PAGEOUT);
	test_dontneed();
	test_free();
	test_pagemap_scan();
	stop_spinner();
	return failures() ? 1 : 0;
}
