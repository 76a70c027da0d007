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
/*
 * Switch the multi-gen LRU on or off (CONFIG_LRU_GEN); the first call
 * remembers the setting found. Returns NULL, or what failed.
 */
const char *reclaim_lru_gen(int on);
/* The multi-gen LRU as the first reclaim_lru_gen() found it; as above. */
const char *reclaim_lru_gen_restore(void);
/*
 * Write @bytes to the cgroup's memory.reclaim: 0 once that much was
 * reclaimed, -1 with errno set otherwise.
 */
int reclaim_bytes(unsigned long bytes);

#endif
