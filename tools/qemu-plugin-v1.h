/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of QEMU 7.2's include/qemu/qemu-plugin.h (plugin API version 1)
 * that the workbench's TCG plugins use: Debian ships no qemu-plugin.h.
 * Include it in exactly one object per plugin: it defines
 * qemu_plugin_version, without which QEMU refuses the plugin.
 */
#ifndef QEMU_PLUGIN_V1_H
#define QEMU_PLUGIN_V1_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;

typedef struct qemu_info_t {
	const char *target_name;
	struct {
		int min;
		int cur;
	} version;
	bool system_emulation;
	union {
		struct {
			int smp_vcpus;
			int max_vcpus;
		} system;
	};
} qemu_info_t;

struct qemu_plugin_tb;
struct qemu_plugin_insn;

enum qemu_plugin_cb_flags {
	QEMU_PLUGIN_CB_NO_REGS,
	QEMU_PLUGIN_CB_R_REGS,
	QEMU_PLUGIN_CB_RW_REGS,
};

typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index,
					    void *userdata);
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id,
					       struct qemu_plugin_tb *tb);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
					   qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
					    qemu_plugin_vcpu_udata_cb_t cb,
					    enum qemu_plugin_cb_flags flags,
					    void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
				    qemu_plugin_udata_cb_t cb, void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb,
						 size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);

#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))
/* QEMU refuses a plugin without this symbol; 7.2 accepts versions 0 and 1. */
QEMU_PLUGIN_EXPORT int qemu_plugin_version = 1;

/* The markers mm_bench puts around each measured operation: "nop 2897/2896". */
static const unsigned char marker_start[4] = { 0x47, 0x00, 0x0b, 0x51 };
static const unsigned char marker_stop[4] = { 0x47, 0x00, 0x0b, 0x50 };

static inline bool is_marker(const struct qemu_plugin_insn *insn,
			     const unsigned char *marker)
{
	return qemu_plugin_insn_size(insn) == 4 &&
	       !memcmp(qemu_plugin_insn_data(insn), marker, 4);
}

/*
 * The plugins' one argument, out=FILE: its FILE, or NULL (and a message
 * naming plugin @name) if it is missing or anything else is passed.
 */
static inline const char *plugin_out_path(const char *name, int argc,
					  char **argv)
{
	const char *path = NULL;

	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "out=", 4) || !argv[i][4] || path) {
			fprintf(stderr, "%s: unexpected argument '%s' (usage: -plugin %s.so,out=FILE)\n",
				name, argv[i], name);
			return NULL;
		}
		path = argv[i] + 4;
	}
	if (!path)
		fprintf(stderr, "%s: no output file (usage: -plugin %s.so,out=FILE)\n",
			name, name);
	return path;
}

/*
 * The vCPU count of a system emulation; 0, with a message, for anything
 * else (the plugins keep per-vCPU state and need the markers' guest).
 */
static inline unsigned int plugin_system_vcpus(const char *name,
					       const qemu_info_t *info)
{
	if (!info->system_emulation || info->system.max_vcpus < 1) {
		fprintf(stderr, "%s: only for system emulation (qemu-system-*)\n",
			name);
		return 0;
	}
	return info->system.max_vcpus;
}

#endif /* QEMU_PLUGIN_V1_H */
