// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"
#include "race.h"

static void *probe_loop(void *arg)
{
	struct race *r = arg;
	unsigned long state, i = 0;
	volatile char *p;
	int ok;

	pin_to_cpu(1);
	while (!r->stop) {
		/* The expectation is read before the access starts. */
		state = __atomic_load_n(&r->state, __ATOMIC_ACQUIRE);
		p = r->addr + (i++ % r->pages) * PAGE_SIZE;
		ok = r->write ? can_write((char *)p) : can_read(p);
		r->probes++;
		if (!ok)
			r->faults++;
		switch (state & 3) {
		case RACE_OK:
			if (ok && *(volatile unsigned long *)p == r->tag)
				break;
			if (!r->violations++)
				snprintf(r->first_violation, sizeof(r->first_violation),
					 "%s at %p expected to succeed with tag %lu",
					 ok ? "read wrong data" : "faulted", p, r->tag);
			break;
		case RACE_FAULT:
			if (!ok)
				break;
			if (!r->violations++)
				snprintf(r->first_violation, sizeof(r->first_violation),
					 "%s at %p succeeded after the change returned",
					 r->write ? "store" : "load", p);
			break;
		}
		__atomic_store_n(&r->done, state, __ATOMIC_RELEASE);
	}
	return NULL;
}

void race_start(struct race *r)
{
	r->state = RACE_ANY;
	r->done = 0;
	r->stop = 0;
	r->probes = r->faults = r->violations = 0;
	pin_to_cpu(0);
	if (pthread_create(&r->thread, NULL, probe_loop, r)) {
		perror("pthread_create");
		exit(2);
	}
}

void race_expect(struct race *r, enum race_expect expect)
{
	unsigned long state = ((r->state >> 2) + 1) << 2 | expect;

	__atomic_store_n(&r->state, state, __ATOMIC_RELEASE);
	/* Yield: with one CPU the prober needs this one to make progress. */
	while (__atomic_load_n(&r->done, __ATOMIC_ACQUIRE) != state)
		sched_yield();
}

int race_stop(struct race *r, unsigned long iterations)
{
	r->stop = 1;
	pthread_join(r->thread, NULL);
	printf("%s: %lu iterations, %lu probes, %lu faults, %lu violations\n",
	       r->name, iterations, r->probes, r->faults, r->violations);
	if (r->violations) {
		fail(r->name, "%lu violations, first: %s", r->violations,
		     r->first_violation);
		return 1;
	}
	if (!r->faults) {
		fail(r->name, "the prober never faulted: the test did not race");
		return 1;
	}
	pass(r->name);
	return 0;
}
