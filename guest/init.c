// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the test guest: runs every program of one directory in name
 * order, framing each with "RUN name" / "END name rc=N", then powers off.
 * The directory is /tests unless the kernel command line says
 * "guest.dir=<name>"; "guest.only=<name>,<name>" runs only those
 * programs. The host-side checker reads these lines from the console.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "guest.h"

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Is @name one of the comma-separated @names (or are there none)? */
static int selected(const char *names, const char *name)
{
	size_t len = strlen(name);
	const char *p = names;

	if (!*names)
		return 1;
	while ((p = strstr(p, name))) {
		if ((p == names || p[-1] == ',') && (!p[len] || p[len] == ','))
			return 1;
		p += len;
	}
	return 0;
}

static int run(const char *dir, const char *name)
{
	char path[384];
	pid_t pid;
	int status;

	snprintf(path, sizeof(path), "/%s/%s", dir, name);
	printf("RUN %s\n", name);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl(path, path, (char *)NULL);
		perror("execl");
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		perror("fork/waitpid");
		return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(void)
{
	struct dirent **list;
	struct timespec t0, t1;
	const char *dir, *only;
	char top[80];
	int i, n, rc;

	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	dir = cmdline_value("guest.dir") ?: "tests";
	only = cmdline_value("guest.only") ?: "";
	snprintf(top, sizeof(top), "/%s", dir);
	n = scandir(top, &list, NULL, by_name);
	if (n < 0) {
		perror(top);
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if (list[i]->d_name[0] == '.' || !selected(only, list[i]->d_name))
			continue;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = run(dir, list[i]->d_name);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("END %s rc=%d\n", list[i]->d_name, rc);
		printf("TIME %s %.1f s\n", list[i]->d_name,
		       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
	printf("GUEST DONE\n");
	fflush(stdout);
	/*
	 * Written is not yet sent: the console driver may still hold the
	 * last lines, which the power-off would drop (seen once: a run
	 * whose log ends at its END line).
	 */
	tcdrain(STDOUT_FILENO);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
