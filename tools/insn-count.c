// SPDX-License-Identifier: GPL-2.0
/*
 * QEMU TCG plugin of 'make bench': the guest instructions one vCPU executes
 * between a start and a stop marker instruction, which guest/bench/mm_bench.c
 * puts around each measured operation. Unlike -icount it works with several
 * vCPUs under multi-threaded TCG (QEMU 7.2 hangs at boot with -icount and
 * -smp 2).
 *
 *   qemu-system-s390x ... -plugin build/insn-count.so,out=FILE
 *
 * FILE gets one line per marker pair, in the order the pairs end:
 *
 *   INSN <vcpu> <instructions strictly between the two markers>
 *
 * and "INSN-ERROR <vcpu> <what>" for a stop marker without a start on that
 * vCPU, a second start before the stop, or a start still open at exit.
 * Whoever reads FILE must treat an INSN-ERROR line as a failed measurement.
 *
 * Counted is every instruction the vCPU starts, user and kernel, interrupt
 * handlers included (a timer tick between the markers adds its
 * instructions), and other tasks scheduled on that vCPU meanwhile. An
 * instruction that takes an exception (a page fault, say) is counted again
 * when it is retried. Instructions of other vCPUs are not counted.
 *
 * The markers are "nop 2897" (start) and "nop 2896" (stop): BC with mask 0
 * and a non-zero displacement, 0x47000b51 and 0x47000b50. BC with mask 0
 * never branches and accesses no storage, so they do nothing on any
 * z/Architecture machine, in QEMU or not. Compilers and assemblers emit BC 0
 * only as "nop" with displacement 0 (and pad with "nopr %r7", BCR 0,7).
 *
 * QEMU 7.2 implements plugin API version 1 (qemu-plugin-v1.h). Each vCPU
 * has its own counter, updated only by the thread running that vCPU; API
 * version 1 has no per-vCPU inline counters, so every instruction calls
 * count_insn().
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu-plugin-v1.h"

/* One per vCPU, a cache line each: the vCPU threads write them in parallel. */
struct vcpu {
	uint64_t count;		/* instructions started so far */
	uint64_t start;		/* count at the open start marker */
	bool open;		/* a start marker without its stop yet */
} __attribute__((aligned(64)));

static struct vcpu *vcpus;
static unsigned int nr_vcpus;
static FILE *out;
static const char *out_path;
/* Serialises the lines of different vCPUs in the output file. */
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

__attribute__((format(printf, 1, 2)))
static void emit(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pthread_mutex_lock(&out_lock);
	vfprintf(out, fmt, ap);
	/* Each line reaches the file at once: QEMU may be killed at a timeout. */
	fflush(out);
	pthread_mutex_unlock(&out_lock);
	va_end(ap);
}

static void count_insn(unsigned int vcpu, void *udata)
{
	vcpus[vcpu].count++;
}

/*
 * Marker callbacks run before the marker executes, and the marker itself is
 * not counted, so the difference is exactly the instructions in between.
 */
static void on_start(unsigned int vcpu, void *udata)
{
	struct vcpu *v = &vcpus[vcpu];

	if (v->open)
		emit("INSN-ERROR %u start marker while a measurement is open (%llu instructions in)\n",
		     vcpu, (unsigned long long)(v->count - v->start));
	v->start = v->count;
	v->open = true;
}

static void on_stop(unsigned int vcpu, void *udata)
{
	struct vcpu *v = &vcpus[vcpu];

	if (!v->open) {
		emit("INSN-ERROR %u stop marker without a start marker\n", vcpu);
		return;
	}
	v->open = false;
	emit("INSN %u %llu\n", vcpu, (unsigned long long)(v->count - v->start));
}

/* At translation: which callback each instruction of the block gets. */
static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		qemu_plugin_vcpu_udata_cb_t cb = count_insn;

		if (is_marker(insn, marker_start))
			cb = on_start;
		else if (is_marker(insn, marker_stop))
			cb = on_stop;
		qemu_plugin_register_vcpu_insn_exec_cb(insn, cb,
						       QEMU_PLUGIN_CB_NO_REGS, NULL);
	}
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	for (unsigned int i = 0; i < nr_vcpus; i++)
		if (vcpus[i].open)
			emit("INSN-ERROR %u start marker never stopped\n", i);
	/* Not closed: every line is flushed, and a late vCPU may still emit. */
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info,
					   int argc, char **argv)
{
	out_path = plugin_out_path("insn-count", argc, argv);
	if (!out_path)
		return -1;
	nr_vcpus = plugin_system_vcpus("insn-count", info);
	if (!nr_vcpus)
		return -1;
	vcpus = calloc(nr_vcpus, sizeof(*vcpus));
	out = fopen(out_path, "w");
	if (!vcpus || !out) {
		fprintf(stderr, "insn-count: cannot set up %s: %s\n", out_path,
			strerror(errno));
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
