import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { benefitProposals, benefits, budgetAllocations, budgetLines, dossiers, payments, users } from '../db/schema.ts';

/** The states in which a benefit is paid (a revoked or withdrawn one is not). */
export const PAYABLE_STATES = ['AMMESSA', 'IN_EROGAZIONE', 'CHIUSA'];

export type BudgetLineRow = typeof budgetLines.$inferSelect;
export type BenefitRow = typeof benefits.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type ProposalRow = typeof benefitProposals.$inferSelect;

/** A case officer's proposal as the office reads it: the terms, the line, who and when. */
export interface ProposalView {
  id: string;
  budgetLineId: string;
  lineCode: string;
  lineName: string;
  year: number;
  monthlyCents: number;
  months: number;
  fromMonth: string;
  totalCents: number;
  proposedByName: string;
  proposedAt: string;
}

/** A budget line's figures for one year, in cents. */
export interface BudgetLineFigures {
  id: string;
  code: string;
  name: string;
  active: boolean;
  allocationCents: number;
  committedCents: number;
  paidCents: number;
}

/** A benefit as accounts sees it: amounts and references, nothing of the case. */
export interface BenefitToPay {
  id: string;
  dossierId: string;
  reference: string;
  protocolNumber: string | null;
  serviceCode: string;
  siuss: string | null;
  circoscrizione: number;
  budgetLineId: string;
  year: number;
  monthlyCents: number;
  months: number;
  fromMonth: string;
  toMonth: string;
  amountCents: number;
  paidCents: number;
  /** Given back to the line when the dossier was revoked. */
  releasedCents: number;
  decidedOn: string;
}

const benefitToPayColumns = {
  id: benefits.id,
  dossierId: benefits.dossierId,
  reference: dossiers.reference,
  protocolNumber: dossiers.protocolNumber,
  serviceCode: benefits.serviceCode,
  siuss: benefits.siuss,
  circoscrizione: benefits.circoscrizione,
  budgetLineId: benefits.budgetLineId,
  year: benefits.year,
  monthlyCents: benefits.monthlyCents,
  months: benefits.months,
  fromMonth: benefits.fromMonth,
  toMonth: benefits.toMonth,
  amountCents: benefits.amountCents,
  paidCents: benefits.paidCents,
  releasedCents: benefits.releasedCents,
  decidedOn: benefits.decidedOn,
};

/** All SQL for budget lines, allocations, benefits and payments. */
export function createSpendingRepo(db: Db) {
  const committedOn = db
    .select({ n: sql<number>`coalesce(sum(${benefits.amountCents} - ${benefits.releasedCents}), 0)` })
    .from(benefits)
    .where(and(eq(benefits.budgetLineId, sql.placeholder('lineId')), eq(benefits.year, sql.placeholder('year'))))
    .prepare();
  const allocationOf = db
    .select({ cents: budgetAllocations.allocationCents })
    .from(budgetAllocations)
    .where(and(eq(budgetAllocations.budgetLineId, sql.placeholder('lineId')), eq(budgetAllocations.year, sql.placeholder('year'))))
    .prepare();

  return {
    insertLine(row: typeof budgetLines.$inferInsert): void {
      db.insert(budgetLines).values(row).run();
    },
    findLine(id: string): BudgetLineRow | undefined {
      return db.select().from(budgetLines).where(eq(budgetLines.id, id)).get();
    },
    findLineByCode(code: string): BudgetLineRow | undefined {
      return db.select().from(budgetLines).where(eq(budgetLines.code, code)).get();
    },
    /** Sets (or replaces) a line's allocation for a year. */
    setAllocation(row: typeof budgetAllocations.$inferInsert): void {
      db.insert(budgetAllocations)
        .values(row)
        .onConflictDoUpdate({
          target: [budgetAllocations.budgetLineId, budgetAllocations.year],
          set: { allocationCents: row.allocationCents, updatedAt: row.updatedAt, updatedBy: row.updatedBy ?? null },
        })
        .run();
    },
    /** Allocation and commitments of one line in one year (the over-commit check). */
    lineYear(lineId: string, year: number): { allocationCents: number; committedCents: number } {
      return {
        allocationCents: allocationOf.get({ lineId, year })?.cents ?? 0,
        committedCents: committedOn.get({ lineId, year })?.n ?? 0,
      };
    },
    /** Every line with its figures for a year: one grouped scan of each table. */
    linesWithFigures(year: number): BudgetLineFigures[] {
      const committed = sql<number>`coalesce((select sum(${benefits.amountCents} - ${benefits.releasedCents}) from ${benefits} where ${benefits.budgetLineId} = ${budgetLines.id} and ${benefits.year} = ${year}), 0)`;
      const paid = sql<number>`coalesce((select sum(${payments.amountCents}) from ${payments} where ${payments.budgetLineId} = ${budgetLines.id} and ${payments.year} = ${year}), 0)`;
      return db
        .select({
          id: budgetLines.id,
          code: budgetLines.code,
          name: budgetLines.name,
          active: budgetLines.active,
          allocationCents: sql<number>`coalesce(${budgetAllocations.allocationCents}, 0)`,
          committedCents: committed,
          paidCents: paid,
        })
        .from(budgetLines)
        .leftJoin(budgetAllocations, and(eq(budgetAllocations.budgetLineId, budgetLines.id), eq(budgetAllocations.year, year)))
        .orderBy(asc(budgetLines.code))
        .all();
    },

    insertBenefit(row: typeof benefits.$inferInsert): void {
      db.insert(benefits).values(row).run();
    },
    findBenefit(id: string): BenefitRow | undefined {
      return db.select().from(benefits).where(eq(benefits.id, id)).get();
    },
    findBenefitByDossier(dossierId: string): BenefitRow | undefined {
      return db.select().from(benefits).where(eq(benefits.dossierId, dossierId)).get();
    },
    insertProposal(row: typeof benefitProposals.$inferInsert): void {
      db.insert(benefitProposals).values(row).run();
    },
    findProposal(id: string): ProposalRow | undefined {
      return db.select().from(benefitProposals).where(eq(benefitProposals.id, id)).get();
    },
    /** The dossier's latest proposal (the one in force), or undefined. */
    latestProposal(dossierId: string): ProposalView | undefined {
      return db
        .select({
          id: benefitProposals.id,
          budgetLineId: benefitProposals.budgetLineId,
          lineCode: budgetLines.code,
          lineName: budgetLines.name,
          year: benefitProposals.year,
          monthlyCents: benefitProposals.monthlyCents,
          months: benefitProposals.months,
          fromMonth: benefitProposals.fromMonth,
          totalCents: benefitProposals.totalCents,
          proposedByName: users.displayName,
          proposedAt: benefitProposals.proposedAt,
        })
        .from(benefitProposals)
        .innerJoin(budgetLines, eq(budgetLines.id, benefitProposals.budgetLineId))
        .innerJoin(users, eq(users.id, benefitProposals.proposedBy))
        .where(eq(benefitProposals.dossierId, dossierId))
        .orderBy(desc(benefitProposals.proposedAt), desc(benefitProposals.id))
        .limit(1)
        .get();
    },
    /** Benefits of a year with something left to pay, oldest decision first. */
    benefitsToPay(year: number, limit: number, officeId?: string): BenefitToPay[] {
      return db
        .select(benefitToPayColumns)
        .from(benefits)
        .innerJoin(dossiers, eq(dossiers.id, benefits.dossierId))
        .where(
          and(
            eq(benefits.year, year),
            // The partial index benefits_to_pay_idx: these two terms exactly.
            sql`${benefits.paidCents} < ${benefits.amountCents}`,
            isNull(benefits.releasedAt),
            inArray(dossiers.status, PAYABLE_STATES),
            officeId === undefined ? undefined : eq(benefits.officeId, officeId),
          ),
        )
        .orderBy(asc(benefits.decidedOn), asc(benefits.id))
        .limit(limit)
        .all();
    },
    benefitToPay(id: string): BenefitToPay | undefined {
      return db
        .select(benefitToPayColumns)
        .from(benefits)
        .innerJoin(dossiers, eq(dossiers.id, benefits.dossierId))
        .where(eq(benefits.id, id))
        .get();
    },

    /**
     * A revoked dossier's benefit gives its unpaid part back to the line: from then it
     * commits what was paid. Returns the cents released (0 without a benefit).
     */
    releaseUnpaid(dossierId: string, at: string): number {
      const row = db
        .update(benefits)
        .set({ releasedCents: sql`${benefits.amountCents} - ${benefits.paidCents}`, releasedAt: at })
        .where(and(eq(benefits.dossierId, dossierId), sql`${benefits.releasedAt} is null`))
        .returning({ released: benefits.releasedCents })
        .get();
      return row?.released ?? 0;
    },
    findPayment(id: string): PaymentRow | undefined {
      return db.select().from(payments).where(eq(payments.id, id)).get();
    },
    paymentsOf(benefitId: string): PaymentRow[] {
      return db
        .select()
        .from(payments)
        .where(eq(payments.benefitId, benefitId))
        .orderBy(desc(payments.paidOn), desc(payments.recordedAt))
        .all();
    },
    /**
     * Records the payment and adds it to the benefit's paid total, guarded in SQL too: if
     * the sum would pass the benefit's amount nothing is updated and false comes back.
     */
    insertPayment(row: typeof payments.$inferInsert): boolean {
      const updated = db
        .update(benefits)
        .set({ paidCents: sql`${benefits.paidCents} + ${row.amountCents}` })
        .where(and(eq(benefits.id, row.benefitId), sql`${benefits.paidCents} + ${row.amountCents} <= ${benefits.amountCents}`))
        .run();
      if (updated.changes !== 1) return false;
      db.insert(payments).values(row).run();
      return true;
    },
  };
}
export type SpendingRepo = ReturnType<typeof createSpendingRepo>;
