// SPDX-License-Identifier: GPL-2.0
/*
 * A page that a zap (munmap, MADV_DONTNEED) frees must be unreachable
 * through every TLB by then. A thread on another CPU keeps storing into a
 * populated page table's worth of memory while this one zaps it and
 * populates it again. A store that lands in a page after it was freed
 * corrupts free memory: with page_poison=1 (CONFIG_PAGE_POISONING; the
 * boot tests set it when the kernel has it) the kernel reports that when
 * it hands the page out again, and the console check fails the run.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "../guest.h"

#define PAGES	256		/* one s390 page table */
#define SIZE	(PAGES * PAGE_SIZE)

static char *region;
static volatile int stop;
static unsigned long stores, faults;

static void *store_loop(void *arg)
{
	unsigned long i = 0;

	pin_to_cpu(1);
	while (!stop) {
		volatile unsigned long *p =
			(unsigned long *)(region + (i % PAGES) * PAGE_SIZE + 64);

		if (can_store(p, 0x5a5a5a5a5a5a5a5aUL ^ i))
			stores++;
		else
			faults++;
		i++;
	}
	return arg;
}

/*
 * Keep the region unmapped until the other CPU has run into the hole, for
 * 50 ms at most: its faults are what show that it was storing while the
 * zaps ran, and a hole of a few microseconds is often missed under QEMU.
 */
static void wait_for_fault(unsigned long before)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		if (*(volatile unsigned long *)&faults != before)
			return;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000000000L + t.tv_nsec - t0.tv_nsec <
		 50000000L);
}

int main(void)
{
	unsigned long i, n = cmdline_ulong("zap.iters", 100);
	pthread_t thread;

	pin_to_cpu(0);
	region = map_aligned(SIZE, TABLE_SIZE);
	memset(region, 1, SIZE);
	if (pthread_create(&thread, NULL, store_loop, NULL)) {
		fail("race_zap_store", "pthread_create failed");
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (i % 2) {
			unsigned long before = *(volatile unsigned long *)&faults;

			munmap(region, SIZE);
			wait_for_fault(before);
			if (mmap(region, SIZE, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != region) {
				fail("race_zap_store", "mmap at %p failed", region);
				break;
			}
		} else {
			madvise(region, SIZE, MADV_DONTNEED);
		}
		/* Fresh pages: the ones just freed, checked for poison. */
		memset(region, 1, SIZE);
	}
	stop = 1;
	pthread_join(thread, NULL);
	printf("race_zap_store: %lu zaps, %lu stores, %lu faults, %d CPUs\n",
	       i, stores, faults, online_cpus());
	if (online_cpus() > 1 && !faults)
		fail("race_zap_store", "the other CPU never faulted: the test did not race");
	else if (!stores)
		fail("race_zap_store", "no store succeeded");
	else if (i == n)
		pass("race_zap_store");
	return failures() ? 1 : 0;
}
