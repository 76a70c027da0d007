// SPDX-License-Identifier: GPL-2.0
/*
 * fork() write-protects the parent's private pages for copy-on-write; a
 * stale writable TLB entry on another CPU would let the parent keep
 * writing into pages the child now shares. A thread on another CPU keeps
 * storing into a 16-page region while this one forks. The child checks
 * that its copy never changes after fork() and writes its own marker; the
 * parent checks that it never sees the child's marker.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../guest.h"

#define PAGES	16
#define SIZE	(PAGES * PAGE_SIZE)
#define CHILD_MARK	0xc41dUL

struct writer {
	char *addr;
	volatile int stop;
	pthread_t thread;
};

/* The thread on CPU 1: each page's second word counts up. */
static void *writer(void *arg)
{
	struct writer *r = arg;
	unsigned long v = 0;

	pin_to_cpu(1);
	while (!r->stop)
		for (int i = 0; i < PAGES; i++)
			((volatile unsigned long *)(r->addr + i * PAGE_SIZE))[1] = ++v;
	return NULL;
}

/* In the child: is the snapshot stable while the parent keeps writing? */
static int child(char *region, int go)
{
	unsigned long snap[PAGES];
	char c;

	for (int i = 0; i < PAGES; i++)
		snap[i] = ((volatile unsigned long *)(region + i * PAGE_SIZE))[1];
	/* Wait until the parent has stored more after fork() returned. */
	if (read(go, &c, 1) != 0)
		return 3;
	for (int i = 0; i < PAGES; i++) {
		if (((volatile unsigned long *)(region + i * PAGE_SIZE))[1] != snap[i])
			return 4;
		((unsigned long *)(region + i * PAGE_SIZE))[2] = CHILD_MARK;
	}
	return 0;
}

int main(void)
{
	struct writer r = { 0 };
	unsigned long i, n = cmdline_ulong("race.forks", 500);
	int status, pipefd[2];
	pid_t pid;

	r.addr = map_aligned(SIZE, TABLE_SIZE);
	memset(r.addr, 0, SIZE);
	pin_to_cpu(0);
	if (pthread_create(&r.thread, NULL, writer, &r)) {
		fail("race_fork", "pthread_create failed");
		return 1;
	}
	for (i = 0; i < n; i++) {
		unsigned long before = ((volatile unsigned long *)r.addr)[1];

		if (pipe(pipefd))
			break;
		pid = fork();
		if (pid == 0) {
			close(pipefd[1]);
			_exit(child(r.addr, pipefd[0]));
		}
		close(pipefd[0]);
		if (pid < 0)
			break;
		/* Let the writer store again, then release the child. */
		while (((volatile unsigned long *)r.addr)[1] == before)
			sched_yield();
		close(pipefd[1]);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			fail("race_fork", "child of iteration %lu saw its copy change (status %#x)",
			     i, status);
			break;
		}
		for (int p = 0; p < PAGES; p++) {
			if (((unsigned long *)(r.addr + p * PAGE_SIZE))[2] == CHILD_MARK) {
				fail("race_fork", "parent sees the child's store in page %d", p);
				i = n;
			}
		}
	}
	r.stop = 1;
	pthread_join(r.thread, NULL);
	if (!failures())
		pass("race_fork");
	printf("race_fork: %lu forks\n", i);
	return failures() ? 1 : 0;
}
