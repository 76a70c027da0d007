// SPDX-License-Identifier: GPL-2.0
/*
 * Integrity stress: one worker thread per CPU runs a random, seeded
 * sequence of mprotect, munmap, mremap, madvise, fork, PAGEMAP_SCAN and
 * CPU migrations over a patterned region of its own, and after every step
 * checks each touched page against a model of what it must hold and allow.
 * Workers share the mm, so it is attached to all CPUs and every change
 * takes the global, batched invalidation path; migrations carry a worker's
 * TLB entries to CPUs where a lost invalidation would leave them stale.
 *
 * Parameters (kernel command line): stress.seed= (default: from the
 * clock), stress.steps= per worker, stress.threads=, stress.hotplug=1 to
 * also take CPUs 1..n-1 offline and online again while the workers run.
 * A failure names seed, worker and step; a worker's sequence depends on
 * the seed only, so "stress.seed=" replays it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../guest.h"

#define NAME		"stress_mm"
#define PAGES		512			/* two page tables */
#define SIZE		(PAGES * PAGE_SIZE)
#define MAX_THREADS	16

enum prot { P_NONE, P_READ, P_RW };
static const int prot_bits[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE };

enum op {
	OP_WRITE, OP_MPROTECT, OP_MUNMAP, OP_MREMAP, OP_DONTNEED, OP_COLD,
	OP_PAGEOUT, OP_FREE, OP_FORK, OP_SCAN, OP_MIGRATE, NR_OPS
};
static const char *const op_names[] = {
	"write", "mprotect", "munmap", "mremap", "MADV_DONTNEED", "MADV_COLD",
	"MADV_PAGEOUT", "MADV_FREE", "fork", "PAGEMAP_SCAN", "migrate",
};

/* What one page must hold and allow. */
struct page_model {
	unsigned int seed;	/* pattern seed, 0: all zero */
	unsigned char prot;	/* enum prot */
	unsigned char maybe_zero; /* MADV_FREE: the pattern or all zero */
	unsigned char resident;	/* written since it was last dropped */
};

struct worker {
	int id;
	pthread_t thread;
	char *base;		/* the region */
	char *spare;		/* a reserved PROT_NONE region to mremap to */
	struct page_model pages[PAGES];
	unsigned long long rng;
	unsigned long step;
	int op, failed;
	char why[200];
};

static unsigned long long seed;
static unsigned long steps;
static int ncpus, stop_hotplug;
static struct worker workers[MAX_THREADS];

static unsigned int rnd(struct worker *w, unsigned int n)
{
	/* xorshift64*: the same sequence for the same seed everywhere */
	w->rng ^= w->rng >> 12;
	w->rng ^= w->rng << 25;
	w->rng ^= w->rng >> 27;
	return (unsigned int)((w->rng * 2685821657736338717ULL) >> 32) % n;
}

/* No malloc on this path: workers and fork children report through it. */
static int bad(struct worker *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int bad(struct worker *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->why, sizeof(w->why), fmt, ap);
	va_end(ap);
	w->failed = 1;
	return -1;
}

/*
 * Check pages [@first, @first + @n) of the model against the copy of the
 * region that starts at @at: access rights first, then the content.
 */
static int verify(struct worker *w, char *at, int first, int n)
{
	for (int i = first; i < first + n; i++) {
		struct page_model *m = &w->pages[i];
		char *p = at + (size_t)i * PAGE_SIZE;
		int r = can_read(p), wr = can_write(p);

		if (r != (m->prot != P_NONE) || wr != (m->prot == P_RW))
			return bad(w, "page %d: read %s, write %s, expected prot %d",
				   i, r ? "ok" : "faults", wr ? "ok" : "faults",
				   m->prot);
		if (!r)
			continue;
		if (m->seed && check_pattern(p, PAGE_SIZE, m->seed) < 0)
			continue;
		if ((!m->seed || m->maybe_zero) && check_zero(p, PAGE_SIZE) < 0)
			continue;
		return bad(w, "page %d: content differs (seed %u%s)", i, m->seed,
			   m->maybe_zero ? " or zero" : "");
	}
	return 0;
}

static int must_fault(struct worker *w, char *at, int first, int n)
{
	for (int i = first; i < first + n; i++)
		if (can_read(at + (size_t)i * PAGE_SIZE))
			return bad(w, "page %d at %p readable after it was unmapped",
				   i, at + (size_t)i * PAGE_SIZE);
	return 0;
}

static void write_pages(struct worker *w, char *at, int first, int n)
{
	for (int i = first; i < first + n; i++) {
		struct page_model *m = &w->pages[i];

		if (m->prot != P_RW)
			continue;
		m->seed = rnd(w, 0xfffffffe) + 1;
		m->maybe_zero = 0;
		m->resident = 1;
		fill_pattern(at + (size_t)i * PAGE_SIZE, PAGE_SIZE, m->seed);
	}
}

static void set_zero(struct worker *w, int first, int n)
{
	for (int i = first; i < first + n; i++) {
		w->pages[i].seed = 0;
		w->pages[i].maybe_zero = 0;
		w->pages[i].resident = 0;
	}
}

static int remap_fresh(struct worker *w, char *at, size_t len, int prot)
{
	void *p = mmap(at, len, prot, MAP_PRIVATE | MAP_ANONYMOUS |
		       MAP_FIXED_NOREPLACE, -1, 0);

	if (p != at)
		return bad(w, "mmap of the hole at %p: %s", at,
			   p == MAP_FAILED ? strerror(errno) : "moved");
	return 0;
}

static int do_mremap(struct worker *w, int first, int n)
{
	size_t off = (size_t)first * PAGE_SIZE, len = (size_t)n * PAGE_SIZE;
	char *home = w->base + off, *away = w->spare + off;

	if (mremap(home, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, away) != away)
		return bad(w, "mremap away: %s", strerror(errno));
	if (must_fault(w, w->base, first, n) || verify(w, w->spare, first, n))
		return -1;
	if (mremap(away, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, home) != home)
		return bad(w, "mremap back: %s", strerror(errno));
	if (must_fault(w, w->spare, first, n))
		return -1;
	return remap_fresh(w, away, len, PROT_NONE);
}

/*
 * After fork each side writes its copy of the region and checks that it
 * still holds what it wrote after the other side wrote its own: neither
 * may see the other's stores, whichever copies the page first.
 */
static int do_fork(struct worker *w, int first, int n)
{
	int to_child[2], to_parent[2], status = 0, err = 0;
	char c = 0;
	pid_t pid;

	if (pipe(to_child) || pipe(to_parent))
		return bad(w, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		return bad(w, "fork: %s", strerror(errno));
	if (!pid) {
		int ok;

		/* Only the other side's end open: EOF when it exits. */
		close(to_child[1]);
		close(to_parent[0]);
		ok = !verify(w, w->base, 0, PAGES);
		write_pages(w, w->base, 0, PAGES);
		ok = ok && !verify(w, w->base, 0, PAGES);
		ok = ok && write(to_parent[1], &c, 1) == 1 &&
		     read(to_child[0], &c, 1) == 1;
		ok = ok && !verify(w, w->base, 0, PAGES);
		if (!ok)
			dprintf(1, "%s: fork child of worker %d: %s\n", NAME,
				w->id, w->why);
		_exit(!ok);
	}
	close(to_child[0]);
	close(to_parent[1]);
	if (read(to_parent[0], &c, 1) != 1) {
		err = bad(w, "the fork child exited early");
	} else if (!verify(w, w->base, 0, PAGES)) {
		write_pages(w, w->base, first, n);
		if (write(to_child[1], &c, 1) != 1)
			err = bad(w, "pipe write: %s", strerror(errno));
	} else {
		err = -1;
	}
	close(to_child[1]);
	waitpid(pid, &status, 0);
	close(to_parent[0]);
	if (err)
		return err;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return bad(w, "the fork child found a difference, status %#x",
			   status);
	return verify(w, w->base, 0, PAGES);
}

/* Every page the model knows to be resident must be reported present. */
static int do_scan(struct worker *w)
{
	struct page_region regions[PAGES];
	struct pm_scan_arg arg = {
		.size = sizeof(arg),
		.start = (uintptr_t)w->base,
		.end = (uintptr_t)w->base + SIZE,
		.vec = (uintptr_t)regions,
		.vec_len = PAGES,
		.category_mask = PAGE_IS_PRESENT,
		.return_mask = PAGE_IS_PRESENT,
	};
	unsigned char present[PAGES] = { 0 };
	int fd = open("/proc/self/pagemap", O_RDONLY);
	long nr;

	if (fd < 0)
		return bad(w, "open pagemap: %s", strerror(errno));
	nr = ioctl(fd, PAGEMAP_SCAN, &arg);
	close(fd);
	if (nr < 0)
		return bad(w, "PAGEMAP_SCAN: %s", strerror(errno));
	for (long r = 0; r < nr; r++) {
		uint64_t a;

		for (a = regions[r].start; a < regions[r].end; a += PAGE_SIZE) {
			if (a < arg.start || a >= arg.end)
				return bad(w, "PAGEMAP_SCAN reported %#llx outside the region",
					   (unsigned long long)a);
			present[(a - arg.start) / PAGE_SIZE] = 1;
		}
	}
	for (int i = 0; i < PAGES; i++)
		if (w->pages[i].resident && !present[i])
			return bad(w, "PAGEMAP_SCAN: written page %d not present", i);
	return 0;
}

static int step(struct worker *w, int op)
{
	int first = rnd(w, PAGES), n;
	size_t off, len;

	/* Single pages, short runs and runs across the table boundary. */
	switch (rnd(w, 3)) {
	case 0:
		n = 1;
		break;
	case 1:
		n = 1 + rnd(w, 16);
		break;
	default:
		n = 1 + rnd(w, PAGES);
	}
	if (first + n > PAGES)
		n = PAGES - first;
	off = (size_t)first * PAGE_SIZE;
	len = (size_t)n * PAGE_SIZE;

	switch (op) {
	case OP_WRITE:
		write_pages(w, w->base, first, n);
		break;
	case OP_MPROTECT: {
		int prot = rnd(w, 3);

		if (mprotect(w->base + off, len, prot_bits[prot]))
			return bad(w, "mprotect: %s", strerror(errno));
		for (int i = first; i < first + n; i++)
			w->pages[i].prot = prot;
		break;
	}
	case OP_MUNMAP:
		if (munmap(w->base + off, len))
			return bad(w, "munmap: %s", strerror(errno));
		if (must_fault(w, w->base, first, n) ||
		    remap_fresh(w, w->base + off, len, PROT_READ | PROT_WRITE))
			return -1;
		set_zero(w, first, n);
		for (int i = first; i < first + n; i++)
			w->pages[i].prot = P_RW;
		break;
	case OP_MREMAP:
		if (do_mremap(w, first, n))
			return -1;
		break;
	case OP_DONTNEED:
		if (madvise(w->base + off, len, MADV_DONTNEED))
			return bad(w, "MADV_DONTNEED: %s", strerror(errno));
		set_zero(w, first, n);
		break;
	case OP_COLD:
	case OP_PAGEOUT:
		if (madvise(w->base + off, len,
			    op == OP_COLD ? MADV_COLD : MADV_PAGEOUT))
			return bad(w, "%s: %s", op_names[op], strerror(errno));
		break;
	case OP_FREE:
		if (madvise(w->base + off, len, MADV_FREE))
			return bad(w, "MADV_FREE: %s", strerror(errno));
		for (int i = first; i < first + n; i++) {
			w->pages[i].maybe_zero = 1;
			w->pages[i].resident = 0;
		}
		break;
	case OP_FORK:
		return do_fork(w, first, n);
	case OP_SCAN:
		return do_scan(w);
	case OP_MIGRATE:
		/* Fails harmlessly for a CPU that hotplug took offline. */
		pin_to_cpu(rnd(w, ncpus));
		return 0;
	}
	return verify(w, w->base, first, n);
}

static void *work(void *arg)
{
	struct worker *w = arg;

	for (w->step = 0; w->step < steps; w->step++) {
		/* fork and full checks are slow under TCG: keep them rare */
		w->op = rnd(w, NR_OPS * 4);
		if (w->op >= NR_OPS)
			w->op = w->op % 2 ? OP_WRITE : OP_MPROTECT;
		if (w->op == OP_FORK && rnd(w, 4))
			w->op = OP_MIGRATE;
		if (step(w, w->op))
			break;
		if (w->step % 32 == 31 && verify(w, w->base, 0, PAGES))
			break;
	}
	return NULL;
}

static int set_online(int cpu, int online)
{
	char path[64];

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpu);
	return write_file(path, online ? "1" : "0") ? -errno : 0;
}

static unsigned long hotplug_cycles;
static char hotplug_error[120];

/* Take CPUs 1..n-1 offline and online again, one after the other. */
static void *hotplug(void *arg)
{
	int err;

	while (!__atomic_load_n(&stop_hotplug, __ATOMIC_ACQUIRE)) {
		for (int cpu = 1; cpu < ncpus; cpu++) {
			err = set_online(cpu, 0);
			/* EBUSY: the CPU could not be taken down right now */
			if (err == -EBUSY)
				continue;
			if (err) {
				snprintf(hotplug_error, sizeof(hotplug_error),
					 "offline cpu%d: %s", cpu, strerror(-err));
				return NULL;
			}
			usleep(5000);
			err = set_online(cpu, 1);
			if (err) {
				snprintf(hotplug_error, sizeof(hotplug_error),
					 "online cpu%d: %s", cpu, strerror(-err));
				return NULL;
			}
			hotplug_cycles++;
		}
	}
	return NULL;
}

int main(void)
{
	int threads, with_hotplug;
	pthread_t hp;
	unsigned long done = 0;

	ncpus = online_cpus();
	seed = cmdline_ulong("stress.seed", (unsigned long)time(NULL));
	steps = cmdline_ulong("stress.steps", 150);
	threads = cmdline_ulong("stress.threads", ncpus < 2 ? 2 : ncpus);
	with_hotplug = cmdline_ulong("stress.hotplug", 0) && ncpus > 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	printf("%s: seed %llu, %d workers, %lu steps each, %d CPUs%s\n", NAME,
	       seed, threads, steps, ncpus, with_hotplug ? ", CPU hotplug" : "");
	fflush(stdout);

	for (int t = 0; t < threads; t++) {
		struct worker *w = &workers[t];

		w->id = t;
		w->rng = seed * 0x9e3779b97f4a7c15ULL + t + 1;
		w->base = map_aligned(SIZE, TABLE_SIZE);
		w->spare = map_aligned(SIZE, TABLE_SIZE);
		mprotect(w->spare, SIZE, PROT_NONE);
		for (int i = 0; i < PAGES; i++)
			w->pages[i].prot = P_RW;
		write_pages(w, w->base, 0, PAGES);
	}
	if (with_hotplug && pthread_create(&hp, NULL, hotplug, NULL)) {
		perror("pthread_create");
		return 2;
	}
	for (int t = 0; t < threads; t++)
		if (pthread_create(&workers[t].thread, NULL, work, &workers[t])) {
			perror("pthread_create");
			return 2;
		}
	for (int t = 0; t < threads; t++) {
		struct worker *w = &workers[t];

		pthread_join(w->thread, NULL);
		done += w->step;
		if (w->failed)
			fail(NAME, "seed %llu worker %d step %lu (%s): %s", seed,
			     t, w->step, op_names[w->op], w->why);
	}
	if (with_hotplug) {
		__atomic_store_n(&stop_hotplug, 1, __ATOMIC_RELEASE);
		pthread_join(hp, NULL);
		if (hotplug_error[0])
			fail(NAME, "CPU hotplug: %s", hotplug_error);
		else if (!hotplug_cycles)
			fail(NAME, "CPU hotplug: no CPU went offline and online");
		else
			printf("%s: %lu CPU offline/online cycles\n", NAME,
			       hotplug_cycles);
	}
	if (failures())
		return 1;
	printf("%s: %lu steps\n", NAME, done);
	pass(NAME);
	return 0;
}
