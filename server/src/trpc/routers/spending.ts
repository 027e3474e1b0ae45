import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import {
  AUDIT_READ_PURPOSES,
  BUDGET_LINE_CODE_MAX,
  BUDGET_LINE_NAME_MAX,
  CARE_PLAN_FIELD_MAX,
  CASE_NOTE_MAX,
  MAX_ALLOCATION_CENTS,
  MAX_AMOUNT_CENTS,
  MAX_BENEFIT_MONTHS,
  OVERRIDE_REASON_MAX,
  PAYMENT_REFERENCE_MAX,
} from '@icaro/domain';
import { procedureFor, router } from '../trpc.ts';
import { SpendingError } from '../../services/spending.service.ts';
import { CaseWorkError } from '../../services/case-work.service.ts';

const CODES: Record<string, TRPCError['code']> = {
  not_found: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  stale_state: 'CONFLICT',
  stale: 'CONFLICT',
  already_decided: 'CONFLICT',
  id_conflict: 'CONFLICT',
  over_allocation: 'UNPROCESSABLE_CONTENT',
  override_reason_required: 'UNPROCESSABLE_CONTENT',
  over_benefit: 'UNPROCESSABLE_CONTENT',
  not_payable: 'UNPROCESSABLE_CONTENT',
  not_economic: 'BAD_REQUEST',
  transition_not_allowed: 'BAD_REQUEST',
  invalid: 'BAD_REQUEST',
};

/**
 * Refusals travel as a code (the message) plus figures the screen needs to explain them
 * (the cause's JSON), never as text to show: the device turns codes into Italian.
 */
function mapErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SpendingError || error instanceof CaseWorkError) {
      const detail = error instanceof SpendingError && error.detail ? `:${JSON.stringify(error.detail)}` : '';
      throw new TRPCError({ code: CODES[error.code] ?? 'BAD_REQUEST', message: `${error.code}${detail}` });
    }
    throw error;
  }
}

const id = z.string().min(1).max(64);
const cents = (max: number) => z.number().int().positive().max(max);
const year = z.number().int().min(2000).max(2100);
const day = z.iso.date();

/** Decisions and spending (issue 4 §6): budget lines, benefits, payments. */
export const spendingRouter = router({
  /** Admission with an economic benefit: the transition and the benefit in one transaction. */
  admit: procedureFor('benefit.decide')
    .input(
      z.strictObject({
        dossierId: id,
        from: z.enum(['VALUTAZIONE', 'IN_LISTA_ATTESA']),
        benefitId: z.uuid(),
        budgetLineId: id,
        monthlyCents: cents(MAX_AMOUNT_CENTS),
        months: z.number().int().min(1).max(MAX_BENEFIT_MONTHS),
        fromMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
        override: z.strictObject({ reason: z.string().trim().min(1).max(OVERRIDE_REASON_MAX) }).optional(),
      }),
    )
    .mutation(({ ctx, input }) => mapErrors(() => ctx.app.spending.admit(ctx.user, input))),

  /** The assigned case officer (or the head) proposes the benefit; nothing is committed. */
  propose: procedureFor('benefit.decide')
    .input(
      z.strictObject({
        dossierId: id,
        proposalId: z.uuid(),
        budgetLineId: id,
        monthlyCents: cents(MAX_AMOUNT_CENTS),
        months: z.number().int().min(1).max(MAX_BENEFIT_MONTHS),
        fromMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
      }),
    )
    .mutation(({ ctx, input }) => mapErrors(() => ctx.app.spending.propose(ctx.user, input))),

  /** The proposal in force for a dossier, if any. */
  proposal: procedureFor('benefit.decide')
    .input(z.strictObject({ dossierId: id }))
    .query(({ ctx, input }) => mapErrors(() => ctx.app.spending.proposalFor(ctx.user, input.dossierId))),

  /** The lines a decider may commit on this year, with what is left on each. */
  linesForDecision: procedureFor('benefit.decide')
    .input(z.strictObject({ year }))
    .query(({ ctx, input }) => ctx.app.spending.linesForDecision(input.year)),

  /** A dossier's benefit and its payments, for the dossier's office. */
  forDossier: procedureFor('benefit.decide')
    .input(z.strictObject({ dossierId: id }))
    .query(({ ctx, input }) => mapErrors(() => ctx.app.spending.forDossier(ctx.user, input.dossierId))),

  /** Budget lines (allocation, committed, paid, remaining) and the benefits to pay. */
  overview: procedureFor('spending.read')
    .input(z.strictObject({ year }))
    .query(({ ctx, input }) => ctx.app.spending.overview(ctx.user, input.year)),

  benefit: procedureFor('spending.read')
    .input(z.strictObject({ benefitId: id }))
    .query(({ ctx, input }) => mapErrors(() => ctx.app.spending.benefit(input.benefitId))),

  recordPayment: procedureFor('payment.record')
    .input(
      z.strictObject({
        paymentId: z.uuid(),
        benefitId: id,
        amountCents: cents(MAX_AMOUNT_CENTS),
        paidOn: day,
        reference: z.string().trim().min(1).max(PAYMENT_REFERENCE_MAX),
      }),
    )
    .mutation(({ ctx, input }) => mapErrors(() => ctx.app.spending.recordPayment(ctx.user, input))),

  createLine: procedureFor('budget.manage')
    .input(z.strictObject({ code: z.string().trim().min(1).max(BUDGET_LINE_CODE_MAX), name: z.string().trim().min(1).max(BUDGET_LINE_NAME_MAX) }))
    .mutation(({ ctx, input }) => mapErrors(() => ctx.app.spending.createLine(ctx.user, input))),

  setAllocation: procedureFor('budget.manage')
    .input(z.strictObject({ budgetLineId: id, year, allocationCents: z.number().int().min(0).max(MAX_ALLOCATION_CENTS) }))
    .mutation(({ ctx, input }) => mapErrors(() => ctx.app.spending.setAllocation(ctx.user, input))),
});

/** Case notes and the care plan (issue 4 §7): audited reads and changes. */
export const caseWorkRouter = router({
  read: procedureFor('dossier.readSensitive')
    .input(z.strictObject({ dossierId: id, purpose: z.enum(AUDIT_READ_PURPOSES), note: z.string().trim().max(200).optional() }))
    .mutation(({ ctx, input }) => mapErrors(() => ctx.app.caseWork.read(ctx.user, input))),

  addNote: procedureFor('dossier.writeSensitive')
    .input(z.strictObject({ dossierId: id, noteId: z.uuid(), body: z.string().trim().min(1).max(CASE_NOTE_MAX) }))
    .mutation(({ ctx, input }) => mapErrors(() => ctx.app.caseWork.addNote(ctx.user, input))),

  saveCarePlan: procedureFor('dossier.writeSensitive')
    .input(
      z.strictObject({
        dossierId: id,
        versionId: z.uuid(),
        baseVersion: z.number().int().min(0),
        objectives: z.string().trim().min(1).max(CARE_PLAN_FIELD_MAX),
        interventions: z.string().trim().min(1).max(CARE_PLAN_FIELD_MAX),
        reviewOn: day.nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => mapErrors(() => ctx.app.caseWork.saveCarePlan(ctx.user, input))),
});
