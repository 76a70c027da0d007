// SPDX-License-Identifier: GPL-2.0
/*
 * Run the kernel's mm selftests that scripts/selftests.sh packed into
 * /mm-selftests: each line of /mm-selftests/LIST is "label binary args...".
 * Every test runs in /tmp with its output in a file and a time limit, and
 * gets one line "SELFTEST label result rc=N time=S" (result: pass, skip,
 * fail, timeout or crash). The host compares these lines between kernels;
 * this program fails only when it cannot run the list at all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../guest.h"

#define NAME		"mm_selftests"
#define DIR		"/mm-selftests"
#define KSFT_SKIP	4
#define MAX_ARGS	16

static unsigned int time_limit = 600;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/*
 * Show why a test did not pass: its "not ok" lines, or else its last lines
 * (where a skipped test says what it lacks).
 */
static void show_output(const char *label, const char *out)
{
	char line[512], tail[8][512];
	int n = 0, shown = 0;
	FILE *f = fopen(out, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "not ok", 6) && shown < 20) {
			printf("  %s: %s", label, line);
			shown++;
		}
		snprintf(tail[n++ % 8], sizeof(tail[0]), "%s", line);
	}
	fclose(f);
	for (int i = shown ? n : (n > 8 ? n - 8 : 0); i < n; i++)
		printf("  %s: %s", label, tail[i % 8]);
}

static const char *run(const char *label, char **argv, int *rc, double *secs)
{
	char out[128];
	double t0 = now();
	int status, fd;
	pid_t pid, w;

	*rc = -1;
	*secs = 0;
	snprintf(out, sizeof(out), "/tmp/%s.out", label);
	pid = fork();
	if (pid < 0)
		return "crash";
	if (!pid) {
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		/* Its own process group, so that a timeout kills its children too. */
		setpgid(0, 0);
		execv(argv[0], argv);
		dprintf(2, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	for (;;) {
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (now() - t0 > time_limit) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			*secs = now() - t0;
			return "timeout";
		}
		usleep(100000);
	}
	/* Reap what the test left behind in its group. */
	kill(-pid, SIGKILL);
	*secs = now() - t0;
	if (!WIFEXITED(status)) {
		*rc = 128 + WTERMSIG(status);
		show_output(label, out);
		return "crash";
	}
	*rc = WEXITSTATUS(status);
	if (*rc == 0)
		return "pass";
	show_output(label, out);
	if (*rc == KSFT_SKIP)
		return "skip";
	return "fail";
}

int main(void)
{
	char line[512], *argv[MAX_ARGS + 1], *label, *tok, path[256];
	const char *v;
	FILE *list;
	int n = 0, rc;
	double secs;

	time_limit = cmdline_ulong("selftests.timeout", time_limit);
	mkdir("/tmp", 01777);
	mkdir("/dev", 0755);
	/* Errors ignored: a test that needs one of these fails visibly. */
	mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	if (chdir("/tmp")) {
		fail(NAME, "chdir /tmp: %s", strerror(errno));
		return 1;
	}
	list = fopen(DIR "/LIST", "r");
	if (!list) {
		fail(NAME, "%s/LIST: %s (not the selftests initramfs?)", DIR,
		     strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), list)) {
		int argc = 0;

		label = strtok(line, " \t\n");
		if (!label || label[0] == '#')
			continue;
		while (argc < MAX_ARGS && (tok = strtok(NULL, " \t\n")))
			argv[argc++] = tok;
		if (!argc) {
			fail(NAME, "LIST entry %s names no program", label);
			continue;
		}
		snprintf(path, sizeof(path), DIR "/%s", argv[0]);
		argv[0] = path;
		argv[argc] = NULL;
		printf("SELFTEST %s start\n", label);
		fflush(stdout);
		v = run(label, argv, &rc, &secs);
		printf("SELFTEST %s %s rc=%d time=%.1f\n", label, v, rc, secs);
		fflush(stdout);
		n++;
	}
	fclose(list);
	if (!n)
		fail(NAME, "LIST names no test");
	if (failures())
		return 1;
	printf("%s: %d tests run\n", NAME, n);
	pass(NAME);
	return 0;
}
