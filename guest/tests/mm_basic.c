// SPDX-License-Identifier: GPL-2.0
/*
 * Content and protection checks for the page-table walkers the series
 * batches: mprotect, munmap, mremap and fork, with the mm attached to a
 * second CPU (the global invalidation path) and a reader thread that must
 * see the right data throughout.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../guest.h"

#define REGION	(12 * TABLE_SIZE)
#define ROUNDS	3	/* mprotect RW->R->RW cycles, each page probed every time */

static char *region;
static volatile int reader_stop;
static volatile long reader_bad = -1;

/* Reads the first table's worth of data over and over while main changes protections. */
static void *reader(void *arg)
{
	while (!reader_stop) {
		long bad = check_pattern(region, TABLE_SIZE, 1);

		if (bad >= 0) {
			reader_bad = bad;
			break;
		}
	}
	return arg;
}

/* Is every page of [p, p + size) readable, and writable exactly when @writable? */
static long check_access(char *p, size_t size, int writable)
{
	size_t off;

	for (off = 0; off < size; off += PAGE_SIZE) {
		if (!can_read(p + off) || can_write(p + off) != writable)
			return (long)off;
	}
	return -1;
}

static void test_mprotect(void)
{
	pthread_t t;
	long bad;
	int i;

	fill_pattern(region, REGION, 1);
	reader_stop = 0;
	pthread_create(&t, NULL, reader, NULL);
	for (i = 0; i < ROUNDS; i++) {
		if (mprotect(region, REGION, PROT_READ)) {
			fail("mprotect", "mprotect(PROT_READ) failed");
			break;
		}
		bad = check_access(region, REGION, 0);
		if (bad >= 0) {
			fail("mprotect", "read-only page at offset %ld writable or unreadable", bad);
			break;
		}
		mprotect(region, REGION, PROT_READ | PROT_WRITE);
		bad = check_access(region, REGION, 1);
		if (bad >= 0) {
			fail("mprotect", "read-write page at offset %ld not writable", bad);
			break;
		}
	}
	reader_stop = 1;
	pthread_join(t, NULL);
	if (reader_bad >= 0)
		fail("mprotect", "reader saw wrong data at offset %ld", reader_bad);
	else if ((bad = check_pattern(region, REGION, 1)) >= 0)
		fail("mprotect", "data changed at offset %ld", bad);
	else if (i == ROUNDS)
		pass("mprotect");
}

static void test_fork(void)
{
	int status;
	long bad;
	pid_t pid;

	fill_pattern(region, REGION, 2);
	pid = fork();
	if (pid == 0) {
		if (check_pattern(region, REGION, 2) >= 0)
			_exit(1);
		fill_pattern(region, REGION, 3);
		_exit(check_pattern(region, REGION, 3) >= 0 ? 2 : 0);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		fail("fork", "child saw wrong data (status %#x)", status);
	else if ((bad = check_pattern(region, REGION, 2)) >= 0)
		fail("fork", "child's writes visible in parent at offset %ld", bad);
	else if ((fill_pattern(region, REGION, 4), check_pattern(region, REGION, 4)) >= 0)
		fail("fork", "parent cannot write its own copy");
	else
		pass("fork");
}

static void test_mremap(void)
{
	size_t len = 4 * TABLE_SIZE;
	char *dst = map_aligned(len, TABLE_SIZE);
	char *src = region + 8 * TABLE_SIZE;
	long bad;

	fill_pattern(src, len, 5);
	if (mremap(src, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, dst) != dst) {
		fail("mremap", "mremap failed");
		return;
	}
	if ((bad = check_pattern(dst, len, 5)) >= 0)
		fail("mremap", "moved data wrong at offset %ld", bad);
	else if (can_read(src) || can_read(src + len - 1))
		fail("mremap", "old address still mapped");
	else
		pass("mremap");
	munmap(dst, len);
}

static void test_munmap(void)
{
	char *hole = region + 2 * TABLE_SIZE;
	size_t len = 3 * TABLE_SIZE + 5 * PAGE_SIZE;
	size_t off;

	fill_pattern(region, 2 * TABLE_SIZE, 6);
	munmap(hole, len);
	for (off = 0; off < len; off += PAGE_SIZE) {
		if (can_read(hole + off)) {
			fail("munmap", "unmapped page at offset %zu still readable", off);
			return;
		}
	}
	if (check_pattern(region, 2 * TABLE_SIZE, 6) >= 0)
		fail("munmap", "data below the hole changed");
	else
		pass("munmap");
}

int main(void)
{
	int spinning = start_spinner();

	printf("mm_basic: %d CPUs, spinner %s\n", online_cpus(), spinning ? "on" : "off");
	region = map_aligned(REGION, TABLE_SIZE);
	test_mprotect();
	test_fork();
	test_mremap();
	test_munmap();
	stop_spinner();
	return failures() ? 1 : 0;
}
