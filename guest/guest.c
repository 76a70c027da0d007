// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest.h"

static int nr_failures;
static __thread sigjmp_buf probe_env;
static __thread volatile int probing;

void pass(const char *name)
{
	printf("PASS %s\n", name);
	fflush(stdout);
}

void fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	nr_failures++;
}

int failures(void)
{
	return nr_failures;
}

void *map_aligned(size_t size, size_t align)
{
	size_t len = size + align;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uintptr_t start;

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	start = ((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1);
	if (start > (uintptr_t)p)
		munmap(p, start - (uintptr_t)p);
	munmap((char *)start + size, (uintptr_t)p + len - (start + size));
	return (void *)start;
}

static void on_fault(int sig)
{
	if (!probing)
		abort();
	siglongjmp(probe_env, 1);
}

static void install_fault_handler(void)
{
	static int done;
	struct sigaction sa = { .sa_handler = on_fault };

	if (done)
		return;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	done = 1;
}

/*
 * Run @access with SIGSEGV/SIGBUS caught: 1 if it completed, 0 if it
 * faulted. A macro, so that sigsetjmp() runs in the probing function's
 * own frame.
 */
#define PROBE(access) ({				\
	int ok_ = 0;					\
							\
	install_fault_handler();			\
	probing = 1;					\
	if (!sigsetjmp(probe_env, 1)) {			\
		access;					\
		ok_ = 1;				\
	}						\
	probing = 0;					\
	ok_;						\
})

int can_read(volatile const char *addr)
{
	return PROBE((void)*addr);
}

int can_write(volatile char *addr)
{
	return PROBE(*addr = *addr);
}

int can_store(volatile unsigned long *addr, unsigned long val)
{
	return PROBE(*addr = val);
}

static unsigned long pattern_word(uintptr_t off, unsigned int seed)
{
	return (off * 2654435761UL) ^ ((unsigned long)seed << 32) ^ seed;
}

void fill_pattern(void *p, size_t size, unsigned int seed)
{
	unsigned long *w = p;
	size_t i;

	for (i = 0; i < size / sizeof(*w); i++)
		w[i] = pattern_word(i, seed);
}

long check_pattern_at(const void *base, size_t off, size_t len,
		      unsigned int seed)
{
	const unsigned long *w = base;
	size_t i;

	for (i = off / sizeof(*w); i < (off + len) / sizeof(*w); i++)
		if (w[i] != pattern_word(i, seed))
			return (long)(i * sizeof(*w));
	return -1;
}

long check_pattern(const void *p, size_t size, unsigned int seed)
{
	return check_pattern_at(p, 0, size, seed);
}

long check_zero(const void *p, size_t size)
{
	const unsigned long *w = p;
	size_t i;

	for (i = 0; i < size / sizeof(*w); i++)
		if (w[i])
			return (long)(i * sizeof(*w));
	return -1;
}

#define MAX_SPINNERS	63

static pthread_t spinners[MAX_SPINNERS];
static int spinner_cpus[MAX_SPINNERS];
static volatile int spinner_stop;
static int nr_spinners;

void pin_to_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/*
 * Having run on a CPU attaches the mm there, and it stays attached while
 * that CPU idles, until another address space runs on it. So the threads
 * mostly sleep: busy vCPUs would only slow QEMU down.
 */
static void *spin(void *arg)
{
	pin_to_cpu(*(int *)arg);
	while (!spinner_stop)
		usleep(1000);
	return arg;
}

int online_cpus(void)
{
	return (int)sysconf(_SC_NPROCESSORS_ONLN);
}

/* The CPUs the program may run on, before anything pinned it. */
static cpu_set_t allowed_at_start;

__attribute__((constructor)) static void save_allowed_cpus(void)
{
	if (sched_getaffinity(0, sizeof(allowed_at_start), &allowed_at_start))
		CPU_ZERO(&allowed_at_start);
}

int first_cpu(void)
{
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &allowed_at_start))
			return cpu;
	return 0;
}

int allowed_cpus(void)
{
	return CPU_COUNT(&allowed_at_start);
}

int start_spinners(int n)
{
	cpu_set_t allowed = allowed_at_start;
	int cpu, first = -1;

	nr_spinners = 0;
	spinner_stop = 0;
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &allowed))
			continue;
		if (first < 0) {
			first = cpu;
			pin_to_cpu(cpu);
			continue;
		}
		if (nr_spinners == n || nr_spinners == MAX_SPINNERS)
			break;
		spinner_cpus[nr_spinners] = cpu;
		if (pthread_create(&spinners[nr_spinners], NULL, spin,
				   &spinner_cpus[nr_spinners])) {
			perror("pthread_create");
			exit(2);
		}
		nr_spinners++;
	}
	/* Let them reach their CPUs, which attaches the mm there. */
	if (nr_spinners)
		usleep(20000);
	return nr_spinners;
}

int start_spinner(void)
{
	return start_spinners(1);
}

void stop_spinner(void)
{
	spinner_stop = 1;
	while (nr_spinners)
		pthread_join(spinners[--nr_spinners], NULL);
}

int read_file(const char *path, char *buf, size_t size)
{
	ssize_t n, len = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return n < 0 ? -1 : 0;
}

int write_file(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, len);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

/* The number after "\n@name " in /proc/vmstat text @text, or -1. */
static long vmstat_value(const char *text, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	for (p = text; (p = strstr(p, name)); p += len) {
		if ((p == text || p[-1] == '\n') && p[len] == ' ')
			return strtol(p + len + 1, NULL, 10);
	}
	return -1;
}

/* The vmstat items of CONFIG_S390_COUNT_TLB_PURGES, read as a set. */
enum {
	IPTE_GLOBAL, IPTE_LOCAL, IPTE_RANGE, IPTE_RANGE_PTES,
	IPTE_FALLBACK, IPTE_FALLBACK_PTES, IDTE_GLOBAL, IDTE_LOCAL,
	TLB_FLUSH_MM, NR_PURGE_ITEMS
};

static const char *const purge_items[NR_PURGE_ITEMS] = {
	[IPTE_GLOBAL]		= "nr_ipte_global",
	[IPTE_LOCAL]		= "nr_ipte_local",
	[IPTE_RANGE]		= "nr_ipte_range",
	[IPTE_RANGE_PTES]	= "nr_ipte_range_ptes",
	[IPTE_FALLBACK]		= "nr_ipte_range_fallback",
	[IPTE_FALLBACK_PTES]	= "nr_ipte_range_fallback_ptes",
	[IDTE_GLOBAL]		= "nr_idte_global",
	[IDTE_LOCAL]		= "nr_idte_local",
	[TLB_FLUSH_MM]		= "nr_tlb_flush_mm",
};

int ipte_counts_read(struct ipte_counts *c)
{
	static char text[16384];
	long v[NR_PURGE_ITEMS];
	int i;

	if (read_file("/proc/vmstat", text, sizeof(text)))
		return 0;
	for (i = 0; i < NR_PURGE_ITEMS; i++) {
		v[i] = vmstat_value(text, purge_items[i]);
		if (v[i] < 0)
			return 0;
	}
	/*
	 * A fallback run's single IPTEs are in nr_ipte_global too: count
	 * them as the one ranged IPTE a facility-13 machine issues instead.
	 * The entries stay counted once, in nr_ipte_global.
	 */
	c->global = v[IPTE_GLOBAL] - v[IPTE_FALLBACK_PTES];
	c->local = v[IPTE_LOCAL];
	c->range = v[IPTE_RANGE] + v[IPTE_FALLBACK];
	c->ptes = v[IPTE_GLOBAL] + v[IPTE_LOCAL] + v[IPTE_RANGE_PTES];
	c->purges = v[IDTE_GLOBAL] + v[IDTE_LOCAL] + v[TLB_FLUSH_MM];
	return 1;
}

const char *cmdline_value(const char *key)
{
	static char line[4096];
	size_t len = strlen(key);
	char *p;

	if (read_file("/proc/cmdline", line, sizeof(line)))
		return NULL;
	for (p = line; (p = strstr(p, key)); p += len) {
		if ((p == line || p[-1] == ' ') && p[len] == '=')
			/* A copy: callers keep values across calls. */
			return strndup(p + len + 1, strcspn(p + len + 1, " \n"));
	}
	return NULL;
}

unsigned long cmdline_ulong(const char *key, unsigned long def)
{
	const char *v = cmdline_value(key);

	return v ? strtoul(v, NULL, 0) : def;
}

struct ipte_counts ipte_counts_delta(const struct ipte_counts *before,
				     const struct ipte_counts *after)
{
	struct ipte_counts d = {
		.global = after->global - before->global,
		.local = after->local - before->local,
		.range = after->range - before->range,
		.ptes = after->ptes - before->ptes,
		.purges = after->purges - before->purges,
	};

	return d;
}
