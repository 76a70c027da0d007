// SPDX-License-Identifier: GPL-2.0
/*
 * An unmapped range is gone when munmap() returns: a thread on another
 * CPU keeps loading from a 16-page region while this one unmaps it and
 * maps fresh pages, tagged with the iteration, at the same address. Loads
 * that start after munmap() returned must fault; loads after the remap
 * must see the new tag, never a freed page through a stale TLB entry.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "../guest.h"
#include "../race.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE	0x100000
#endif

#define PAGES	16

/* Map the region at @addr again, every page starting with @tag. */
static int map_tagged(char *addr, unsigned long tag)
{
	char *p = mmap(addr, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p != addr)
		return -1;
	for (int i = 0; i < PAGES; i++)
		*(unsigned long *)(p + i * PAGE_SIZE) = tag;
	return 0;
}

int main(void)
{
	struct race r = { .pages = PAGES, .name = "race_munmap" };
	unsigned long i, n = cmdline_ulong("race.iters", 2000);

	/* The prober's stack first, so that it cannot land in the hole. */
	race_start(&r);
	r.addr = map_aligned(PAGES * PAGE_SIZE, TABLE_SIZE);
	munmap(r.addr, PAGES * PAGE_SIZE);
	for (i = 0; i < n; i++) {
		race_expect(&r, RACE_ANY);
		r.tag = i + 1;
		if (map_tagged(r.addr, r.tag)) {
			fail("race_munmap", "mmap at %p failed (errno %d)", r.addr, errno);
			break;
		}
		race_expect(&r, RACE_OK);
		race_expect(&r, RACE_ANY);
		munmap(r.addr, PAGES * PAGE_SIZE);
		race_expect(&r, RACE_FAULT);
	}
	return race_stop(&r, i) || failures();
}
