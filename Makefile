# Front door of the workbench. 'make help' lists the targets.
S := scripts
TEST_CONFIGS := configs/base.config configs/debug.config configs/measure.config

help:
	@echo "make demo       set up, then make bench at sizes up to 4096 pages"
	@echo "make check      everything CI runs; ends with 'N passed, N failed'"
	@echo "make check-full what make check does not run: a KASAN/page-table-check kernel"
	@echo "                running KUnit, mm selftests, the kit, races and CPU hotplug"
	@echo "make bench      baseline vs patched kernel: invalidations and guest cost"
	@echo "make hw-kit     build/hw-kit.tar.gz: the benchmark for real IBM Z machines"
	@echo "make selftests  the kernel's mm selftests on the baseline and the patched kernel"
	@echo "                (BENCH_PAGES=1,16,256,4096,65536 BENCH_REPS=5 to change)"
	@echo "make setup      install missing host packages (apt-get)"
	@echo "make tree       build/linux: Linux 7.3 base + patches/ on branch 'series'"
	@echo "make export     regenerate patches/ from branch 'series' of build/linux"
	@echo "make mail       build/mail/: the series as v2 mails with your Signed-off-by, validated"
	@echo "make checkpatch checkpatch.pl --strict on patches/"
	@echo "make build      build the s390 test kernel (series + series/measure/) into build/s390"
	@echo "make kunit      run the KUnit suites on s390 and arm64 under QEMU (on s390"
	@echo "                the lazy MMU suites twice more in one boot, through debugfs)"
	@echo "make boot-test  boot the test kernel (-smp 1, 2 and 4) and run the guest tests"
	@echo "make kernel-doc kernel-doc -Wall on the headers the series touches"
	@echo "make docs       htmldocs of the Documentation/ the series touches, vs the base"
	@echo "make static     Coccinelle check of the fast PTE range sections (and its self-test)"
	@echo "make cross      compile the touched generic files for x86_64, arm64, powerpc"
	@echo "make bisect     every patch on its own: s390 build, cross builds, W=1 and sparse"
	@echo "                (BISECT_FROM=n starts at patch n; run by make check-full)"

setup:
	@$(S)/deps.sh

tree: setup
	@$(S)/base.sh
	@$(S)/tree.sh

export:
	@$(S)/export.sh

checkpatch: tree
	@$(S)/checkpatch.sh

build: tree
	@$(S)/measure-trees.sh
	@SRC=$(CURDIR)/build/measured $(S)/build.sh s390 $(TEST_CONFIGS)

kunit: tree
	@$(S)/kunit.sh s390
	@$(S)/kunit-rerun.sh
	@$(S)/kunit.sh arm64

kernel-doc: tree
	@$(S)/kerneldoc.sh

docs: tree
	@$(S)/docs-build.sh

static: tree
	@$(S)/lazy-mmu-static.sh --self-test
	@$(S)/lazy-mmu-static.sh

cross: tree
	@for a in x86_64 arm64 powerpc; do $(S)/cross-build.sh $$a || exit 1; done

# Every test at each -smp: at 4 CPUs on a 2-core host that takes about
# 20 minutes, beyond boot-test.sh's default 600 s hang limit.
boot-test: build
	@GUEST_TIMEOUT=$${GUEST_TIMEOUT:-1800} $(S)/boot-test.sh 1 2 4

check:
	@$(S)/check.sh

check-full:
	@CHECK_FULL=1 $(S)/check.sh

demo:
	@$(S)/demo.sh

bench:
	@$(S)/bench.sh

hw-kit:
	@$(S)/hw-kit.sh

bisect: tree
	@$(S)/bisect.sh

mail: tree
	@$(S)/mail.sh

selftests: tree
	@$(S)/selftests.sh

.PHONY: help setup tree export checkpatch build kunit kernel-doc docs static cross bisect boot-test check check-full demo bench hw-kit mail selftests
