// SPDX-License-Identifier: GPL-2.0
// Static check of fast PTE range sections (scripts/lazy-mmu-static.sh).
//
// lazy_mmu_mode_enable_fast_pte_range(mm, addr, end, ptep) opens a section
// that lazy_mmu_mode_disable() or lazy_mmu_mode_pause() closes (resume()
// re-enters without a range). Inside it s390 keeps the new PTE values in a
// per-CPU batch and the page table still holds the old ones, so on every
// path from the enable to a disable or pause this reports:
//
//  read, write  a raw access to a PTE through an expression of type
//               pte_t *: *p, p[i], p->pte, as an rvalue (also READ_ONCE(*p),
//               pte_val(*p)) or assigned (=, |=, ..., ++, WRITE_ONCE). Only
//               the accessors (ptep_get(), set_pte(), set_ptes(),
//               ptep_get_and_clear(), ...) see the batch. Not accesses:
//               sizeof(*p), &p[i], &*p, and *pp of a pte_t **pp (it yields
//               the pointer, not a PTE).
//  order        a call that unhooks the page table, flushes the TLB for it
//               or drops the PTE lock (the list in rule "order"; any
//               spin_unlock()): the batch must be completed first.
//
// A path ends at the first disable or pause; a re-enable starts a new
// section. Only expressions whose type Coccinelle infers are seen: local
// variables, parameters, fields of structures it finds in the file or the
// headers it includes (the script gives the tree's include paths).
// Accesses in called functions (apply_to_pte_range()'s callback,
// zap_present_ptes(), ...), inside macro bodies, or after an enable hidden
// in a wrapper (enter_fast() in arch/s390/mm/lazy_mmu_kunit.c) are not seen.
//
// Every enable call that was parsed is printed as a "seen" line, so that
// the script can tell a walker that was checked from one that Coccinelle
// failed to parse (and silently skipped).
//
// Output, one line each: "kind<TAB>file<TAB>line<TAB>function<TAB>detail".

@initialize:python@
@@
import linecache
import re
import sys

# The source line, on one field of the tab-separated output.
def src(pos):
    return re.sub(r"\s+", " ", linecache.getline(pos.file, int(pos.line)).strip())

# Coccinelle prints "w -> table"; the source says "w->table".
def expr(e):
    return re.sub(r"\s+", "", str(e))

# One flushed write per line, in case spatch runs with -j (shared stdout).
def report(kind, pos, detail):
    sys.stdout.write("%s\t%s\t%s\t%s\t%s\n" % (kind, pos.file, pos.line,
                                              pos.current_element, detail))
    sys.stdout.flush()

// Every enable call Coccinelle parsed.
@seen@
position p;
@@
lazy_mmu_mode_enable_fast_pte_range@p(...)

@script:python@
p << seen.p;
@@
report("seen", p[0], "")

// Dereference forms that are not PTE accesses.
@notaccess@
pte_t *P;
expression E;
identifier fld;
position q;
@@
(
 sizeof(*P@q)
|
 sizeof(P@q[E])
|
 sizeof(P@q->fld)
|
 &*P@q
|
 &P@q[E]
|
 &P@q->fld
)

@write exists@
pte_t *P;
expression E, E2;
identifier fld;
assignment operator aop;
position p != notaccess.q;
@@
lazy_mmu_mode_enable_fast_pte_range(...);
... when != lazy_mmu_mode_disable();
    when != lazy_mmu_mode_pause();
    when any
(
 *P@p aop E2
|
 P@p[E] aop E2
|
 P@p->fld aop E2
|
 WRITE_ONCE(*P@p, E2)
|
 WRITE_ONCE(P@p[E], E2)
|
 WRITE_ONCE(P@p->fld, E2)
|
 (*P@p)++
|
 (*P@p)--
|
 ++(*P@p)
|
 --(*P@p)
|
 P@p[E]++
|
 P@p[E]--
|
 ++P@p[E]
|
 --P@p[E]
|
 P@p->fld++
|
 P@p->fld--
|
 ++P@p->fld
|
 --P@p->fld
)

@script:python@
p << write.p;
P << write.P;
@@
report("write", p[0], "raw PTE write through '%s' (pte_t *): %s" % (expr(P), src(p[0])))

// Any other dereference reads the table.
@read exists@
pte_t *P;
expression E;
identifier fld;
position p != {notaccess.q, write.p};
@@
lazy_mmu_mode_enable_fast_pte_range(...);
... when != lazy_mmu_mode_disable();
    when != lazy_mmu_mode_pause();
    when any
(
 *P@p
|
 P@p[E]
|
 P@p->fld
)

@script:python@
p << read.p;
P << read.P;
@@
report("read", p[0], "raw PTE read through '%s' (pte_t *): %s" % (expr(P), src(p[0])))

// Unhooking the table, flushing the TLB or dropping the PTE lock.
@order exists@
identifier f = {flush_tlb_range, flush_tlb_page, flush_tlb_mm,
		flush_tlb_kernel_range, flush_tlb_all, tlb_flush_mmu,
		tlb_flush_mmu_tlbonly, pmd_clear, pmdp_huge_clear_flush,
		pmdp_collapse_flush, zap_empty_pte_table,
		zap_pte_table_if_empty, pte_unmap_unlock, pte_unmap,
		spin_unlock};
position p;
@@
lazy_mmu_mode_enable_fast_pte_range(...);
... when != lazy_mmu_mode_disable();
    when != lazy_mmu_mode_pause();
    when any
f@p(...)

@script:python@
p << order.p;
f << order.f;
@@
report("order", p[0], "%s() before lazy_mmu_mode_disable()/pause(): %s" % (f, src(p[0])))
