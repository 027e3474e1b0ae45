import {
  checkBenefitTerms,
  checkCommitment,
  checkPayment,
  findService,
  hasPermission,
  isEconomicService,
  remainingCents,
} from '@icaro/domain';
import { uuidv7 } from 'uuidv7';
import type { Repositories } from '../repositories/index.ts';
import { PAYABLE_STATES, type BenefitToPay, type BudgetLineFigures, type PaymentRow, type ProposalView } from '../repositories/spending.repo.ts';
import type { SessionUser } from './auth.service.ts';
import { createAuditTrail } from './audit.service.ts';
import { ChangeRecorder } from './changes.ts';
import type { DossierService } from './dossier.service.ts';
import { MutationRefused } from './errors.ts';
import { canSeeDossier, scopeOf } from './scope.ts';

/**
 * Decisions and spending (issue 4 §6).
 *
 * Admission with an economic benefit is an online procedure, not a sync mutation: the
 * commitment is checked against the budget line's remaining allocation, which only the
 * server knows at that moment, and an over-commitment needs the head of procedure's
 * override with a reason, which they must give knowing the shortfall. The benefit and the
 * transition to AMMESSA are written in one transaction (the dossier service's own
 * transition, so the machine, events, due dates and audit are the same), and the change
 * reaches devices through the change log and a poke like any other. The client picks the
 * benefit's id, so a retried request is recognised and answered, never recorded twice.
 */

export type SpendingErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'invalid'
  | 'not_economic'
  | 'stale_state'
  | 'transition_not_allowed'
  | 'already_decided'
  | 'over_allocation'
  | 'override_reason_required'
  | 'over_benefit'
  | 'not_payable'
  | 'id_conflict';

export class SpendingError extends Error {
  constructor(
    readonly code: SpendingErrorCode,
    readonly detail?: Record<string, string | number>,
  ) {
    super(code);
  }
}

export interface AdmitInput {
  dossierId: string;
  /** The state the user saw. */
  from: 'VALUTAZIONE' | 'IN_LISTA_ATTESA';
  benefitId: string;
  budgetLineId: string;
  monthlyCents: number;
  months: number;
  fromMonth: string;
  override?: { reason: string } | undefined;
}

export interface AdmitResult {
  benefitId: string;
  dossierId: string;
  status: 'AMMESSA';
  amountCents: number;
  year: number;
  remainingAfterCents: number;
  overridden: boolean;
}

export interface ProposeInput {
  dossierId: string;
  proposalId: string;
  budgetLineId: string;
  monthlyCents: number;
  months: number;
  fromMonth: string;
}

/** While the case is being examined or weighed, before anyone decides. */
const PROPOSABLE_STATES = ['ISTRUTTORIA', 'VALUTAZIONE', 'IN_LISTA_ATTESA'];

export interface PaymentInput {
  paymentId: string;
  benefitId: string;
  amountCents: number;
  paidOn: string;
  reference: string;
}

/** Today in Europe/Rome, YYYY-MM-DD. */
export function romeDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
}

function validDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

export function createSpendingService(deps: {
  repos: Repositories;
  dossiers: DossierService;
  transaction: <T>(fn: () => T) => T;
  onCommitted: (changes: ChangeRecorder) => void;
}) {
  const { repos, dossiers, transaction, onCommitted } = deps;
  const audit = createAuditTrail(repos.audit);

  function sameAdmission(b: NonNullable<ReturnType<typeof repos.spending.findBenefit>>, input: AdmitInput): boolean {
    return (
      b.dossierId === input.dossierId &&
      b.budgetLineId === input.budgetLineId &&
      b.monthlyCents === input.monthlyCents &&
      b.months === input.months &&
      b.fromMonth === input.fromMonth
    );
  }

  return {
    /** Admits the dossier and records its benefit, in one transaction. */
    admit(user: SessionUser, input: AdmitInput, now = new Date().toISOString()): AdmitResult {
      const changes = new ChangeRecorder(repos.sync);
      const result = transaction((): AdmitResult => {
        const previous = repos.spending.findBenefit(input.benefitId);
        if (previous) {
          // A retry of an admission already recorded: the same answer, nothing new.
          if (!sameAdmission(previous, input)) throw new SpendingError('id_conflict');
          const line = repos.spending.lineYear(previous.budgetLineId, previous.year);
          return {
            benefitId: previous.id,
            dossierId: previous.dossierId,
            status: 'AMMESSA',
            amountCents: previous.amountCents,
            year: previous.year,
            remainingAfterCents: remainingCents(line),
            overridden: previous.overrideReason !== null,
          };
        }
        const dossier = repos.dossiers.findById(input.dossierId);
        if (!dossier || !canSeeDossier(user, dossier)) throw new SpendingError('not_found');
        if (!isEconomicService(dossier.serviceCode)) throw new SpendingError('not_economic');
        if (dossier.status !== input.from) throw new SpendingError('stale_state', { status: dossier.status });
        if (repos.spending.findBenefitByDossier(dossier.id)) throw new SpendingError('already_decided');
        const terms = checkBenefitTerms(input);
        if (!terms.ok) throw new SpendingError('invalid', { field: terms.error });
        const line = repos.spending.findLine(input.budgetLineId);
        if (!line?.active) throw new SpendingError('invalid', { field: 'budget_line' });
        if (input.override && !hasPermission(user.role, 'benefit.override')) throw new SpendingError('forbidden', { field: 'override' });

        const figures = repos.spending.lineYear(line.id, terms.year);
        const check = checkCommitment(figures, terms.totalCents, input.override ?? null);
        if (!check.ok) {
          if (check.refusal === 'override_reason_required') throw new SpendingError('override_reason_required');
          throw new SpendingError('over_allocation', { remainingCents: check.remainingCents, shortfallCents: check.shortfallCents });
        }

        try {
          dossiers.transition({ user, now, changes }, { dossierId: dossier.id, from: input.from, to: 'AMMESSA' }, true);
        } catch (error) {
          if (error instanceof MutationRefused) {
            throw new SpendingError(
              error.code === 'stale_state' ? 'stale_state' : error.code === 'not_found' ? 'not_found' : 'transition_not_allowed',
            );
          }
          throw error;
        }
        const service = findService(dossier.serviceCode);
        repos.spending.insertBenefit({
          id: input.benefitId,
          dossierId: dossier.id,
          serviceCode: dossier.serviceCode,
          siuss: service?.siuss ?? null,
          officeId: dossier.officeId,
          circoscrizione: dossier.circoscrizione,
          budgetLineId: line.id,
          year: terms.year,
          monthlyCents: input.monthlyCents,
          months: input.months,
          fromMonth: input.fromMonth,
          toMonth: terms.toMonth,
          amountCents: terms.totalCents,
          paidCents: 0,
          decidedBy: user.id,
          decidedAt: now,
          decidedOn: romeDay(now),
          overrideReason: check.overridden ? input.override!.reason.trim() : null,
          overriddenBy: check.overridden ? user.id : null,
        });
        // The audit row says what was committed where; an override also says by how much
        // it went over (its reason is on the benefit, like a transition's reason).
        audit.append({
          at: now,
          actor: user,
          dossierId: dossier.id,
          section: 'benefit',
          action: 'change',
          purpose: check.overridden ? 'override' : 'benefit',
          note: `${line.code}/${terms.year}: ${terms.totalCents}${check.overridden ? ` (oltre la disponibilità di ${-check.remainingAfterCents})` : ''}`,
        });
        return {
          benefitId: input.benefitId,
          dossierId: dossier.id,
          status: 'AMMESSA',
          amountCents: terms.totalCents,
          year: terms.year,
          remainingAfterCents: check.remainingAfterCents,
          overridden: check.overridden,
        };
      });
      onCommitted(changes);
      return result;
    },

    /**
     * A case officer's proposal of the benefit (amount, period, budget line): the officer
     * assigned to the dossier, or the head of procedure, while the case is examined. It
     * commits nothing; the head finds it written in the admission form. Audited.
     */
    propose(user: SessionUser, input: ProposeInput, now = new Date().toISOString()): ProposalView {
      return transaction((): ProposalView => {
        const previous = repos.spending.findProposal(input.proposalId);
        if (previous) {
          const same =
            previous.dossierId === input.dossierId &&
            previous.budgetLineId === input.budgetLineId &&
            previous.monthlyCents === input.monthlyCents &&
            previous.months === input.months &&
            previous.fromMonth === input.fromMonth &&
            previous.proposedBy === user.id;
          if (!same) throw new SpendingError('id_conflict');
          return repos.spending.latestProposal(input.dossierId)!;
        }
        const dossier = repos.dossiers.findById(input.dossierId);
        if (!dossier || !canSeeDossier(user, dossier)) throw new SpendingError('not_found');
        if (!isEconomicService(dossier.serviceCode)) throw new SpendingError('not_economic');
        const mayPropose = user.role === 'head_of_procedure' || (user.role === 'case_officer' && dossier.assignedTo === user.id);
        if (!mayPropose) throw new SpendingError('forbidden', { field: 'not_assigned' });
        if (!PROPOSABLE_STATES.includes(dossier.status)) throw new SpendingError('stale_state', { status: dossier.status });
        if (repos.spending.findBenefitByDossier(dossier.id)) throw new SpendingError('already_decided');
        const terms = checkBenefitTerms(input);
        if (!terms.ok) throw new SpendingError('invalid', { field: terms.error });
        const line = repos.spending.findLine(input.budgetLineId);
        if (!line?.active) throw new SpendingError('invalid', { field: 'budget_line' });
        repos.spending.insertProposal({
          id: input.proposalId,
          dossierId: dossier.id,
          budgetLineId: line.id,
          year: terms.year,
          monthlyCents: input.monthlyCents,
          months: input.months,
          fromMonth: input.fromMonth,
          totalCents: terms.totalCents,
          proposedBy: user.id,
          proposedAt: now,
        });
        audit.append({
          at: now,
          actor: user,
          dossierId: dossier.id,
          section: 'benefit',
          action: 'change',
          purpose: 'proposal',
          note: `${line.code}/${terms.year}: ${terms.totalCents}`,
        });
        return repos.spending.latestProposal(dossier.id)!;
      });
    },

    /** The proposal in force for a dossier, for its office's staff; null if none. */
    proposalFor(user: SessionUser, dossierId: string): ProposalView | null {
      const dossier = repos.dossiers.findById(dossierId);
      if (!dossier || !canSeeDossier(user, dossier)) throw new SpendingError('not_found');
      return repos.spending.latestProposal(dossierId) ?? null;
    },

    /** Records a payment against a benefit: never more than what is still owed. */
    recordPayment(
      user: SessionUser,
      input: PaymentInput,
      now = new Date().toISOString(),
    ): { paymentId: string; benefitId: string; paidCents: number; remainingCents: number } {
      return transaction(() => {
        const previous = repos.spending.findPayment(input.paymentId);
        const benefit = repos.spending.findBenefit(input.benefitId);
        if (previous) {
          const same =
            previous.benefitId === input.benefitId &&
            previous.amountCents === input.amountCents &&
            previous.reference === input.reference.trim() &&
            previous.paidOn === input.paidOn;
          if (!same || !benefit) throw new SpendingError('id_conflict');
          return {
            paymentId: previous.id,
            benefitId: benefit.id,
            paidCents: benefit.paidCents,
            remainingCents: benefit.amountCents - benefit.paidCents,
          };
        }
        if (!benefit) throw new SpendingError('not_found');
        const dossier = repos.dossiers.findById(benefit.dossierId);
        if (!dossier) throw new SpendingError('not_found');
        if (!PAYABLE_STATES.includes(dossier.status)) throw new SpendingError('not_payable', { status: dossier.status });
        const reference = input.reference.trim();
        if (reference === '') throw new SpendingError('invalid', { field: 'reference' });
        if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw new SpendingError('invalid', { field: 'amount' });
        if (!validDay(input.paidOn)) throw new SpendingError('invalid', { field: 'paid_on' });
        if (input.paidOn > romeDay(now)) throw new SpendingError('invalid', { field: 'paid_on_future' });
        if (input.paidOn < benefit.decidedOn) throw new SpendingError('invalid', { field: 'paid_on_before_decision' });
        const check = checkPayment(benefit, input.amountCents);
        if (!check.ok) throw new SpendingError('over_benefit', { remainingCents: check.remainingCents });
        const inserted = repos.spending.insertPayment({
          id: input.paymentId,
          benefitId: benefit.id,
          dossierId: benefit.dossierId,
          budgetLineId: benefit.budgetLineId,
          year: benefit.year,
          officeId: benefit.officeId,
          circoscrizione: benefit.circoscrizione,
          serviceCode: benefit.serviceCode,
          siuss: benefit.siuss,
          amountCents: input.amountCents,
          paidOn: input.paidOn,
          reference,
          recordedBy: user.id,
          recordedAt: now,
        });
        // The SQL guard agrees with the domain check; it is there for a writer that skips it.
        if (!inserted) throw new SpendingError('over_benefit', { remainingCents: check.remainingAfterCents + input.amountCents });
        audit.append({
          at: now,
          actor: user,
          dossierId: benefit.dossierId,
          section: 'benefit',
          action: 'change',
          purpose: 'payment',
          note: `${input.amountCents}: ${reference}`,
        });
        return {
          paymentId: input.paymentId,
          benefitId: benefit.id,
          paidCents: benefit.paidCents + input.amountCents,
          remainingCents: check.remainingAfterCents,
        };
      });
    },

    /**
     * Budget lines with allocation, committed, paid and remaining for a year, and the
     * benefits still to pay. Office staff (the head of procedure, who decides) see only
     * their office's benefits; accounts sees the city's.
     */
    overview(
      user: SessionUser,
      year: number,
    ): { year: number; lines: (BudgetLineFigures & { remainingCents: number })[]; toPay: BenefitToPay[] } {
      const lines = repos.spending.linesWithFigures(year).map((l) => ({ ...l, remainingCents: remainingCents(l) }));
      const scope = scopeOf(user);
      const toPay = repos.spending.benefitsToPay(year, 500, scope.kind === 'office' ? scope.officeId : undefined);
      return { year, lines, toPay };
    },

    /** Lines a decider may commit on, with what is left this year. */
    linesForDecision(year: number): (BudgetLineFigures & { remainingCents: number })[] {
      return repos.spending
        .linesWithFigures(year)
        .filter((l) => l.active)
        .map((l) => ({ ...l, remainingCents: remainingCents(l) }));
    },

    /** One benefit and its payments, for accounts. */
    benefit(benefitId: string): { benefit: BenefitToPay; payments: PaymentRow[] } {
      const benefit = repos.spending.benefitToPay(benefitId);
      if (!benefit) throw new SpendingError('not_found');
      return { benefit, payments: repos.spending.paymentsOf(benefitId) };
    },

    /** The benefit of a dossier, for its office's staff. */
    forDossier(
      user: SessionUser,
      dossierId: string,
    ): { benefit: BenefitToPay; payments: PaymentRow[]; budgetLine: { code: string; name: string } } | null {
      const dossier = repos.dossiers.findById(dossierId);
      if (!dossier || !canSeeDossier(user, dossier)) throw new SpendingError('not_found');
      const row = repos.spending.findBenefitByDossier(dossierId);
      if (!row) return null;
      const line = repos.spending.findLine(row.budgetLineId)!;
      return { ...this.benefit(row.id), budgetLine: { code: line.code, name: line.name } };
    },

    createLine(user: SessionUser, input: { code: string; name: string }, now = new Date().toISOString()): { id: string } {
      return transaction(() => {
        if (repos.spending.findLineByCode(input.code.trim())) throw new SpendingError('invalid', { field: 'code_taken' });
        const id = uuidv7();
        repos.spending.insertLine({ id, code: input.code.trim(), name: input.name.trim(), active: true, createdAt: now });
        return { id };
      });
    },

    /**
     * Sets a line's allocation for a year. It may not go below what is already committed
     * on the line that year: that would turn past decisions into over-commitments.
     */
    setAllocation(
      user: SessionUser,
      input: { budgetLineId: string; year: number; allocationCents: number },
      now = new Date().toISOString(),
    ): void {
      transaction(() => {
        if (!repos.spending.findLine(input.budgetLineId)) throw new SpendingError('not_found');
        const { committedCents } = repos.spending.lineYear(input.budgetLineId, input.year);
        if (input.allocationCents < committedCents) throw new SpendingError('invalid', { field: 'below_committed', committedCents });
        repos.spending.setAllocation({
          budgetLineId: input.budgetLineId,
          year: input.year,
          allocationCents: input.allocationCents,
          updatedAt: now,
          updatedBy: user.id,
        });
      });
    },
  };
}
export type SpendingService = ReturnType<typeof createSpendingService>;
