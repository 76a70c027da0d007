// SPDX-License-Identifier: GPL-2.0
/*
 * Input of 'scripts/lazy-mmu-static.sh --self-test': walkers in the shape of
 * the kernel's PTE walkers. The lines marked EXPECT must be reported, with
 * the kind after "EXPECT"; nothing else may be. Never compiled.
 */
typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pmd; } pmd_t;

struct walk_state {
	pte_t *table;
	pte_t **ptepp;
};

/* Correct: accessors only, pointer arithmetic, disable before the unlock. */
static int good_walker(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
		       unsigned long end, pte_t **out)
{
	spinlock_t *ptl;
	pte_t *start_pte, *pte;
	pte_t ptent;
	int nr = 1;

	start_pte = pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!pte)
		return 0;
	pte_t *before = pte;
	ptent = *before;	/* before the section: fine */
	lazy_mmu_mode_enable_fast_pte_range(mm, addr, end, pte);
	do {
		ptent = ptep_get(pte);
		if (pte_none(ptent))
			continue;
		set_ptes(mm, addr, pte, pte_mkold(ptent), nr);
		ptent = ptep_get_and_clear(mm, addr, &pte[1]);
		*out = pte;			/* pte_t ** written: not a PTE */
		pte = PTR_ALIGN_DOWN(pte, sizeof(*pte) * 8);
	} while (pte += nr, addr += PAGE_SIZE * nr, addr != end);
	lazy_mmu_mode_disable();
	ptent = *start_pte;		/* after the section: fine */
	pte_unmap_unlock(start_pte, ptl);
	flush_tlb_range(vma, addr, end);
	return 0;
}

/* Correct: leaves the section on every path before dropping the lock. */
static int good_restart(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
			unsigned long end)
{
	spinlock_t *ptl;
	pte_t *start_pte, *pte;

restart:
	start_pte = pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!start_pte)
		return 0;
	lazy_mmu_mode_enable_fast_pte_range(mm, addr, end, pte);
	for (; addr < end; pte++, addr += PAGE_SIZE) {
		if (need_resched()) {
			lazy_mmu_mode_disable();
			pte_unmap_unlock(start_pte, ptl);
			cond_resched();
			goto restart;
		}
		if (pte_young(ptep_get(pte))) {
			lazy_mmu_mode_pause();
			spin_unlock(ptl);
			spin_lock(ptl);
			lazy_mmu_mode_resume();
		}
	}
	lazy_mmu_mode_disable();
	pte_unmap_unlock(start_pte, ptl);
	return 0;
}

/* Raw reads and writes of the page table inside the section. */
static int bad_access(struct mm_struct *mm, struct walk_state *w,
		      unsigned long addr, unsigned long end, pte_t ptent)
{
	pte_t *pte = w->table;
	pte_t old;
	int i;

	lazy_mmu_mode_enable_fast_pte_range(mm, addr, end, pte);
	if (pte_val(*pte) & 1)				/* EXPECT read */
		return 1;
	*pte = ptent;					/* EXPECT write */
	old = READ_ONCE(*pte);				/* EXPECT read */
	WRITE_ONCE(*pte, old);				/* EXPECT write */
	for (i = 0; i < 4; i++)
		old = pte[i];				/* EXPECT read */
	w->table[2] = old;				/* EXPECT write */
	pte->pte |= 1;					/* EXPECT write */
	old = **w->ptepp;				/* EXPECT read */
	lazy_mmu_mode_disable();
	return 0;
}

/* The page table is unhooked and the TLB flushed before the section ends. */
static void bad_order(struct mmu_gather *tlb, struct vm_area_struct *vma,
		      pmd_t *pmd, unsigned long addr, unsigned long end,
		      bool reclaim)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pte_t *pte;

	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	lazy_mmu_mode_enable_fast_pte_range(mm, addr, end, pte);
	ptep_get_and_clear(mm, addr, pte);
	if (reclaim) {
		pmd_clear(pmd);				/* EXPECT order */
		flush_tlb_range(vma, addr, end);	/* EXPECT order */
	}
	lazy_mmu_mode_disable();
	pte_unmap_unlock(pte, ptl);
}

/* An early exit that forgets to leave the section. */
static int bad_exit(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
		    unsigned long end)
{
	spinlock_t *ptl;
	pte_t *pte;

	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	lazy_mmu_mode_enable_fast_pte_range(mm, addr, end, pte);
	if (pte_none(ptep_get(pte))) {
		pte_unmap_unlock(pte, ptl);		/* EXPECT order */
		return 0;
	}
	lazy_mmu_mode_disable();
	pte_unmap_unlock(pte, ptl);
	return 1;
}

/* Not a fast-range walker: raw accesses here are someone else's business. */
static void not_a_walker(pte_t *pte, pte_t v)
{
	lazy_mmu_mode_enable();
	*pte = v;
	lazy_mmu_mode_disable();
	flush_tlb_mm(NULL);
}
