// SPDX-License-Identifier: GPL-2.0
/*
 * The series' KUnit suites pass when run again in the same boot. The
 * kernel has them built in and ran them at boot; this program runs each
 * twice more through debugfs (/sys/kernel/debug/kunit/<suite>/run, which
 * returns when the suite has run) and reads its results. Every case must
 * pass, but for the two that run only when the command line asks for
 * them (see configs/kunit-suites-s390.txt), which must skip. State that a
 * case leaves behind (a WARN_ON_ONCE() used up, a static variable, a
 * lock, a batch left armed) shows up here as a failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "../guest.h"

#define RUNS	2
#define DEBUGFS	"/sys/kernel/debug"

static const char *const suites[] = { "lazy_mmu_mode", "s390_lazy_mmu" };

/* Cases that skip unless the kernel command line asks for them. */
static const char *const must_skip[] = {
	"lazy_mmu_mode_fast_sleep_reported",
	"lazy_mmu_test_raw_access_reported",
};

static char text[1 << 16];

static int may_skip(const char *line)
{
	unsigned int i;

	for (i = 0; i < sizeof(must_skip) / sizeof(must_skip[0]); i++)
		if (strstr(line, must_skip[i]))
			return 1;
	return 0;
}

/*
 * Judge the results of one run of @suite in @text: each indented
 * "ok N case" line is a case, "not ok" a failure; the unindented last
 * result line is the suite's own. Returns the number of cases that
 * passed, or -1 with the offending line in @why.
 */
static int judge(const char *suite, char *text, char *why, size_t len)
{
	int cases = 0, suite_ok = 0;
	char *line, *save, *p;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		for (p = line; *p == ' '; p++)
			;
		if (!strncmp(p, "not ok ", 7)) {
			snprintf(why, len, "%s", p);
			return -1;
		}
		if (strncmp(p, "ok ", 3))
			continue;
		if (p == line) {
			suite_ok = strstr(p, suite) && !strstr(p, "# SKIP");
			continue;
		}
		if (strstr(p, "# SKIP") && !may_skip(p)) {
			snprintf(why, len, "%s", p);
			return -1;
		}
		if (!strstr(p, "# SKIP"))
			cases++;
	}
	if (!suite_ok) {
		snprintf(why, len, "no \"ok 1 %s\" line", suite);
		return -1;
	}
	return cases;
}

static int run_suite(const char *suite, char *why, size_t len)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), DEBUGFS "/kunit/%s/run", suite);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, "1\n", 2) != 2) {
		snprintf(why, len, "%s: %s (kernel without the suite or without CONFIG_KUNIT_DEBUGFS?)",
			 path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	snprintf(path, sizeof(path), DEBUGFS "/kunit/%s/results", suite);
	fd = open(path, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0 || n == sizeof(text) - 1) {
		snprintf(why, len, "%s: %s", path, n < 0 ? strerror(errno) : "empty or too long");
		return -1;
	}
	text[n] = '\0';
	return judge(suite, text, why, len);
}

int main(void)
{
	char name[64], why[256];
	unsigned int i, run;
	int cases, first;

	if (mount("debugfs", DEBUGFS, "debugfs", 0, NULL) && errno != EBUSY) {
		fail("kunit_rerun", "cannot mount debugfs on " DEBUGFS ": %s", strerror(errno));
		return 1;
	}
	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		first = -1;
		for (run = 1; run <= RUNS; run++) {
			snprintf(name, sizeof(name), "kunit_rerun/%s/%u", suites[i], run);
			cases = run_suite(suites[i], why, sizeof(why));
			if (cases < 0)
				fail(name, "%s", why);
			else if (!cases)
				fail(name, "no case passed");
			else if (first >= 0 && cases != first)
				fail(name, "%d cases passed, %d in the run before", cases, first);
			else
				pass(name);
			first = cases;
		}
	}
	return failures() ? 1 : 0;
}
