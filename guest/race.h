/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A prober thread on CPU 1 that keeps accessing a region while the main
 * thread (CPU 0) changes its mapping. The main thread announces after each
 * change what every access that starts from then on must do: succeed, and
 * see the expected data, or fault. An access that starts after the change
 * returned and still succeeds went through a stale TLB entry: the
 * invalidation the change needed was lost or came late.
 */
#ifndef RACE_H
#define RACE_H

#include <pthread.h>
#include <stddef.h>

enum race_expect {
	RACE_ANY,	/* the mapping is changing: anything goes */
	RACE_OK,	/* the access succeeds and reads race.tag */
	RACE_FAULT,	/* the access faults */
};

struct race {
	/* Set up by the caller before race_start(). */
	char *addr;
	size_t pages;
	int write;		/* probe with stores, else with loads */
	const char *name;	/* for the FAIL line */

	pthread_t thread;
	volatile unsigned long state;	/* generation << 2 | enum race_expect */
	volatile unsigned long done;	/* last state a probe completed under */
	volatile unsigned long tag;	/* first word of each page under RACE_OK */
	volatile int stop;
	unsigned long probes, faults, violations;
	char first_violation[160];
};

/* Start the prober on CPU 1 and pin the caller to CPU 0. */
void race_start(struct race *r);
/*
 * Announce @expect for accesses that start from now on, and wait until
 * one such access has completed (so that, under RACE_OK, CPU 1 has a TLB
 * entry for the region to go stale).
 */
void race_expect(struct race *r, enum race_expect expect);
/* Stop the prober; FAIL line and nonzero return on any violation. */
int race_stop(struct race *r, unsigned long iterations);

#endif
