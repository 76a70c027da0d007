// SPDX-License-Identifier: GPL-2.0
/*
 * Write protection takes effect when mprotect() returns: a thread on
 * another CPU keeps storing into a 16-page region while this one switches
 * it between read-write and read-only; no store that starts after
 * mprotect(PROT_READ) returned may succeed.
 */
#include <string.h>
#include <sys/mman.h>

#include "../guest.h"
#include "../race.h"

#define PAGES	16

int main(void)
{
	struct race r = { .pages = PAGES, .write = 1, .name = "race_mprotect" };
	unsigned long i, n = cmdline_ulong("race.iters", 2000);

	r.addr = map_aligned(PAGES * PAGE_SIZE, TABLE_SIZE);
	memset(r.addr, 0, PAGES * PAGE_SIZE);
	race_start(&r);
	for (i = 0; i < n; i++) {
		race_expect(&r, RACE_ANY);
		if (mprotect(r.addr, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE))
			break;
		race_expect(&r, RACE_OK);
		race_expect(&r, RACE_ANY);
		if (mprotect(r.addr, PAGES * PAGE_SIZE, PROT_READ))
			break;
		race_expect(&r, RACE_FAULT);
	}
	if (i < n)
		fail("race_mprotect", "mprotect failed in iteration %lu", i);
	return race_stop(&r, i) || failures();
}
