// SPDX-License-Identifier: GPL-2.0
/*
 * Reclaim on demand for mm_bench: anonymous memory needs swap, which the
 * guest gets on a zram device, and a memory cgroup whose memory.reclaim
 * file reclaims from this process alone. The guest has no mkswap, mount
 * or cgroup tools, so this file does their part.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "guest.h"
#include "reclaim.h"

#define ZRAM_SYSFS	"/sys/block/zram0"
#define ZRAM_DEV	"/dev/zram0"
/*
 * Virtual size: zram takes memory only for what is swapped out (mm_bench's
 * pages, filled with one byte value, as "same-filled" entries).
 */
#define ZRAM_BYTES	(512UL << 20)
#define CGROUP_ROOT	"/sys/fs/cgroup"
#define CGROUP_BENCH	CGROUP_ROOT "/mm_bench"
#define LRU_GEN		"/sys/kernel/mm/lru_gen/enabled"

static int reclaim_fd = -1;
static char why[160];
/* lru_gen/enabled as found, restored by reclaim_lru_gen_restore(). */
static char lru_gen_found[32];

static const char *failed(const char *what)
{
	snprintf(why, sizeof(why), "%s: %s", what, strerror(errno));
	return why;
}

/*
 * A version 1 swap header (include/linux/swap.h, union swap_header):
 * version and last usable page after 1024 bytes of boot block, the
 * signature in the last 10 bytes of the first page.
 */
static int write_swap_header(const char *dev, unsigned long bytes)
{
	static unsigned char page[PAGE_SIZE];
	unsigned int fields[3] = { 1, bytes / sizeof(page) - 1, 0 };
	int fd = open(dev, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	memset(page, 0, sizeof(page));
	memcpy(page + 1024, fields, sizeof(fields));
	memcpy(page + sizeof(page) - 10, "SWAPSPACE2", 10);
	n = pwrite(fd, page, sizeof(page), 0);
	if (fsync(fd) || close(fd) || n != sizeof(page))
		return -1;
	return 0;
}

const char *reclaim_swap_on(void)
{
	char text[512];
	unsigned int major, minor;

	if (read_file("/proc/swaps", text, sizeof(text)) == 0 &&
	    strstr(text, "zram0"))
		return NULL;
	if (access(ZRAM_SYSFS, F_OK))
		return "no " ZRAM_SYSFS " (kernel without CONFIG_ZRAM)";
	snprintf(text, sizeof(text), "%lu", ZRAM_BYTES);
	if (write_file(ZRAM_SYSFS "/disksize", text))
		return failed("setting " ZRAM_SYSFS "/disksize");
	if (read_file(ZRAM_SYSFS "/dev", text, sizeof(text)))
		return failed("reading " ZRAM_SYSFS "/dev");
	if (sscanf(text, "%u:%u", &major, &minor) != 2)
		return ZRAM_SYSFS "/dev is not <major>:<minor>";
	mkdir("/dev", 0755);
	if (mknod(ZRAM_DEV, S_IFBLK | 0600, makedev(major, minor)) &&
	    errno != EEXIST)
		return failed("mknod " ZRAM_DEV);
	if (write_swap_header(ZRAM_DEV, ZRAM_BYTES))
		return failed("writing a swap header to " ZRAM_DEV);
	if (swapon(ZRAM_DEV, 0))
		return failed("swapon " ZRAM_DEV);
	return NULL;
}

const char *reclaim_enter_memcg(void)
{
	if (reclaim_fd >= 0)
		return NULL;
	if (access(CGROUP_ROOT "/cgroup.controllers", F_OK) &&
	    mount("cgroup2", CGROUP_ROOT, "cgroup2", 0, NULL))
		return failed("mounting cgroup2 on " CGROUP_ROOT);
	/* Fails without CONFIG_MEMCG. */
	if (write_file(CGROUP_ROOT "/cgroup.subtree_control", "+memory"))
		return failed("enabling the memory controller");
	if (mkdir(CGROUP_BENCH, 0755) && errno != EEXIST)
		return failed("mkdir " CGROUP_BENCH);
	/* "0" is the writer's thread group. */
	if (write_file(CGROUP_BENCH "/cgroup.procs", "0"))
		return failed("moving into " CGROUP_BENCH);
	reclaim_fd = open(CGROUP_BENCH "/memory.reclaim", O_WRONLY);
	if (reclaim_fd < 0)
		return failed("opening " CGROUP_BENCH "/memory.reclaim");
	return NULL;
}

const char *reclaim_lru_gen(int on)
{
	if (!lru_gen_found[0]) {
		if (read_file(LRU_GEN, lru_gen_found, sizeof(lru_gen_found)))
			return failed("reading " LRU_GEN);
		lru_gen_found[strcspn(lru_gen_found, "\n")] = '\0';
	}
	if (write_file(LRU_GEN, on ? "y" : "n"))
		return failed("writing " LRU_GEN);
	return NULL;
}

const char *reclaim_lru_gen_restore(void)
{
	if (lru_gen_found[0] && write_file(LRU_GEN, lru_gen_found))
		return failed("restoring " LRU_GEN);
	return NULL;
}

int reclaim_bytes(unsigned long bytes)
{
	char text[32];
	int len = snprintf(text, sizeof(text), "%lu", bytes);

	return pwrite(reclaim_fd, text, len, 0) == len ? 0 : -1;
}
