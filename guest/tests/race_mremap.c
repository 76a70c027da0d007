// SPDX-License-Identifier: GPL-2.0
/*
 * mremap() moves the pages when it returns: a thread on another CPU keeps
 * loading from a 16-page region while this one moves it to a second
 * address and back. After each move, loads from the old address must
 * fault, and the new address must hold the region's data.
 */
#define _GNU_SOURCE
#include <string.h>
#include <sys/mman.h>

#include "../guest.h"
#include "../race.h"

#define PAGES	16
#define SIZE	(PAGES * PAGE_SIZE)
#define TAG	0x6d72656d6170UL

/* Offset of the first word that differs from what main() wrote, or -1. */
static long check_region(const char *p)
{
	long bad;

	for (int i = 0; i < PAGES; i++) {
		if (*(const unsigned long *)(p + i * PAGE_SIZE) != TAG)
			return i * PAGE_SIZE;
		bad = check_pattern_at(p, i * PAGE_SIZE + 8, PAGE_SIZE - 8, 7);
		if (bad >= 0)
			return bad;
	}
	return -1;
}

int main(void)
{
	struct race r = { .pages = PAGES, .name = "race_mremap" };
	unsigned long i, n = cmdline_ulong("race.iters", 2000);
	char *home = map_aligned(SIZE, TABLE_SIZE);
	char *away = map_aligned(SIZE, TABLE_SIZE);
	long bad;

	/* Each page: the tag the prober checks, then a pattern. */
	fill_pattern(home, SIZE, 7);
	for (int p = 0; p < PAGES; p++)
		*(unsigned long *)(home + p * PAGE_SIZE) = TAG;
	r.addr = home;
	r.tag = TAG;
	race_start(&r);
	for (i = 0; i < n; i++) {
		race_expect(&r, RACE_OK);
		race_expect(&r, RACE_ANY);
		if (mremap(home, SIZE, SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, away) != away)
			break;
		race_expect(&r, RACE_FAULT);
		bad = check_region(away);
		if (bad >= 0) {
			fail("race_mremap", "moved data differs at offset %ld", bad);
			break;
		}
		race_expect(&r, RACE_ANY);
		if (mremap(away, SIZE, SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, home) != home)
			break;
	}
	if (i < n && !failures())
		fail("race_mremap", "mremap failed in iteration %lu", i);
	return race_stop(&r, i) || failures();
}
