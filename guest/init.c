// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the test guest: runs every program of one directory in name
 * order, framing each with "RUN name" / "END name rc=N", then powers off.
 * The directory is /tests unless the kernel command line says
 * "guest.dir=<name>". The host-side checker reads these lines from the
 * console.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* The value of "guest.dir=" on the kernel command line, or "tests". */
static const char *program_dir(void)
{
	static char dir[64] = "tests";
	char line[4096], *p;
	FILE *f = fopen("/proc/cmdline", "r");

	if (!f)
		return dir;
	if (fgets(line, sizeof(line), f)) {
		p = strstr(line, "guest.dir=");
		if (p)
			sscanf(p + strlen("guest.dir="), "%63[A-Za-z0-9_-]", dir);
	}
	fclose(f);
	return dir;
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
	const char *dir;
	char top[80];
	int i, n;

	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	dir = program_dir();
	snprintf(top, sizeof(top), "/%s", dir);
	n = scandir(top, &list, NULL, by_name);
	if (n < 0) {
		perror(top);
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if (list[i]->d_name[0] == '.')
			continue;
		printf("END %s rc=%d\n", list[i]->d_name, run(dir, list[i]->d_name));
	}
	printf("GUEST DONE\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
