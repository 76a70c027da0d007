// SPDX-License-Identifier: GPL-2.0
/*
 * QEMU TCG plugin of scripts/bench-profile.sh: where the guest instructions
 * between mm_bench's start and stop markers go. For every instruction
 * address it counts how often a vCPU inside a marker window executed it,
 * summed over all windows and vCPUs, and writes at exit
 *
 *   <guest virtual address in hex> <executions>
 *
 * one line per address executed at least once. What is counted is what
 * insn-count.c counts (interrupts and other tasks on that vCPU included),
 * so the lines of one run add up to the sum of its INSN lines.
 *
 *   qemu-system-s390x ... -plugin build/insn-profile.so,out=FILE
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu-plugin-v1.h"

/* One counter per instruction address, shared by every translation of it. */
struct slot {
	uint64_t vaddr;
	uint64_t count;
	bool used;
};

/* Open addressing; a kernel and mm_bench translate far fewer addresses. */
#define NR_SLOTS	(1U << 22)

static struct slot *slots;
static unsigned int nr_used;
static bool *in_window;		/* per vCPU: between a start and a stop */
static unsigned int nr_vcpus;
static const char *out_path;
/* Translation may run on several vCPU threads at once. */
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;

static struct slot *slot_of(uint64_t vaddr)
{
	uint64_t h = (vaddr >> 1) * 0x9e3779b97f4a7c15ULL;
	unsigned int i = h >> (64 - 22);
	struct slot *s = NULL;

	pthread_mutex_lock(&slots_lock);
	for (unsigned int n = 0; n < NR_SLOTS; n++, i = (i + 1) % NR_SLOTS) {
		if (slots[i].used && slots[i].vaddr != vaddr)
			continue;
		if (!slots[i].used) {
			if (nr_used == NR_SLOTS / 2)
				break;	/* full enough: count nothing new */
			slots[i].used = true;
			slots[i].vaddr = vaddr;
			nr_used++;
		}
		s = &slots[i];
		break;
	}
	pthread_mutex_unlock(&slots_lock);
	return s;
}

static void count_insn(unsigned int vcpu, void *udata)
{
	if (in_window[vcpu])
		__atomic_fetch_add(&((struct slot *)udata)->count, 1,
				   __ATOMIC_RELAXED);
}

static void on_start(unsigned int vcpu, void *udata)
{
	in_window[vcpu] = true;
}

static void on_stop(unsigned int vcpu, void *udata)
{
	in_window[vcpu] = false;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		struct slot *s;

		if (is_marker(insn, marker_start)) {
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_start,
				QEMU_PLUGIN_CB_NO_REGS, NULL);
			continue;
		}
		if (is_marker(insn, marker_stop)) {
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_stop,
				QEMU_PLUGIN_CB_NO_REGS, NULL);
			continue;
		}
		s = slot_of(qemu_plugin_insn_vaddr(insn));
		if (s)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, count_insn,
				QEMU_PLUGIN_CB_NO_REGS, s);
	}
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	FILE *out = fopen(out_path, "w");

	if (!out) {
		fprintf(stderr, "insn-profile: cannot write %s: %s\n", out_path,
			strerror(errno));
		return;
	}
	if (nr_used == NR_SLOTS / 2)
		fprintf(out, "PROFILE-ERROR address table full: counts are incomplete\n");
	for (unsigned int i = 0; i < NR_SLOTS; i++)
		if (slots[i].used && slots[i].count)
			fprintf(out, "%llx %llu\n",
				(unsigned long long)slots[i].vaddr,
				(unsigned long long)slots[i].count);
	fclose(out);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info,
					   int argc, char **argv)
{
	out_path = plugin_out_path("insn-profile", argc, argv);
	if (!out_path)
		return -1;
	nr_vcpus = plugin_system_vcpus("insn-profile", info);
	if (!nr_vcpus)
		return -1;
	slots = calloc(NR_SLOTS, sizeof(*slots));
	in_window = calloc(nr_vcpus, sizeof(*in_window));
	if (!slots || !in_window) {
		fprintf(stderr, "insn-profile: out of memory\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
