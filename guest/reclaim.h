/* SPDX-License-Identifier: GPL-2.0 */
/* Reclaim on demand in the guest: zram swap and a memory cgroup. */
#ifndef RECLAIM_H
#define RECLAIM_H

/*
 * Swap on zram, set up on the first call in a boot. Returns NULL, or why
 * there is no swap (a kernel without CONFIG_ZRAM).
 */
const char *reclaim_swap_on(void);
/*
 * This process, with all its threads, in a memory cgroup of its own (once
 * per process); memory charged before stays where it was. Returns NULL,
 * or why reclaim cannot be measured here.
 */
const char *reclaim_enter_memcg(void);
/* Switch the multi-gen LRU on or off (CONFIG_LRU_GEN); 0 on success. */
int reclaim_lru_gen(int on);
/* Write @bytes to the cgroup's memory.reclaim; 0 on success, else errno. */
int reclaim_bytes(unsigned long bytes);

#endif
