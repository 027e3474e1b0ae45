import { uuidv7 } from 'uuidv7';
import {
  checkTransition,
  consentProblem,
  hasPermission,
  isEconomicService,
  officeForCircoscrizione,
  pruneAnswers,
  validateAnswers,
  validateCodiceFiscale,
} from '@icaro/domain';
import type { AssignArgs, MutationResults, RespondArgs, SubmitArgs, TransitionArgs } from '@icaro/sync';
import type { Repositories } from '../repositories/index.ts';
import type { SessionUser } from './auth.service.ts';
import type { ChangeRecorder } from './changes.ts';
import { MutationRefused } from './errors.ts';
import { canSeeDossier } from './scope.ts';
import type { DueDateKeeper } from './queue.service.ts';
import { createAuditTrail } from './audit.service.ts';
import { linkAttachments, respondToIntegration } from './integration.service.ts';
import { createStatsKeeper } from './stats-keeper.ts';

export interface MutationContext {
  user: SessionUser;
  /** Server time of this push, ISO 8601. */
  now: string;
  changes: ChangeRecorder;
}

/** Filing on someone else's behalf needs a recorded consent (QUALITY.md §1.12). */
const ASSISTED_ROLES = new Set(['association_operator', 'front_desk']);

export function createDossierService(repos: Repositories, dueDates: DueDateKeeper) {
  const audit = createAuditTrail(repos.audit);
  // The reports' pre-aggregated statistics follow every status event, in its transaction.
  const stats = createStatsKeeper(repos);
  function recordChange(ctx: MutationContext, d: { id: string; officeId: string; associationId: string | null; personId: string }) {
    ctx.changes.put('dossier', d.id, { officeId: d.officeId, associationId: d.associationId, personId: d.personId }, ctx.now);
  }

  return {
    submit(ctx: MutationContext, args: SubmitArgs): MutationResults['dossier.submit@1'] {
      const { user } = ctx;
      if (!hasPermission(user.role, 'dossier.file')) throw new MutationRefused('forbidden');
      // The city approves an association before its operators can file (issue 6).
      if (user.role === 'association_operator' && !(user.associationId && repos.associations.findById(user.associationId)?.approved)) {
        throw new MutationRefused('association_not_approved');
      }
      const cf = validateCodiceFiscale(args.applicant.codiceFiscale);
      if (!cf.ok) throw new MutationRefused('invalid', `codiceFiscale:${cf.error}`);
      const service = repos.catalogue.find(args.serviceCode, args.serviceVersion);
      if (!service) throw new MutationRefused('invalid', 'service');
      const errors = validateAnswers(service.form, args.answers);
      if (errors.length > 0) throw new MutationRefused('invalid', `answers:${errors.map((e) => `${e.questionId}:${e.code}`).join(',')}`);
      const assisted = ASSISTED_ROLES.has(user.role);
      if (assisted && !args.consent) throw new MutationRefused('consent_required');
      // Each way of consenting carries its own evidence: a witness, a drawn signature, a scanned delega.
      const problem = args.consent ? consentProblem(args.consent) : null;
      if (problem) throw new MutationRefused('consent_required', problem);
      if (repos.dossiers.findById(args.dossierId)) throw new MutationRefused('id_conflict', 'dossier');

      let person = repos.persons.findByCodiceFiscale(cf.value);
      // A citizen files for themselves or for a member of their household in the registry.
      if (user.role === 'citizen' && !(person && isSelfOrHousehold(repos, user.personId, person))) {
        throw new MutationRefused('forbidden', 'applicant');
      }
      if (!person) {
        person = {
          id: uuidv7(),
          codiceFiscale: cf.value,
          givenName: args.applicant.givenName.trim(),
          familyName: args.applicant.familyName.trim(),
          birthDate: cf.birthDate,
          sex: cf.sex,
          phone: args.applicant.phone?.trim() || null,
          email: null,
          circoscrizione: args.applicant.circoscrizione,
          address: null,
          householdId: null,
          registryUpdatedOn: null,
          createdAt: ctx.now,
        };
        repos.persons.insert(person);
      }
      const office = officeForCircoscrizione(args.applicant.circoscrizione);
      const dossier = {
        id: args.dossierId,
        reference: args.reference,
        serviceCode: service.code,
        serviceVersion: service.version,
        personId: person.id,
        status: 'INVIATA',
        circoscrizione: args.applicant.circoscrizione,
        officeId: office.id,
        associationId: user.role === 'association_operator' ? user.associationId : null,
        filedBy: user.id,
        assignedTo: null,
        answers: JSON.stringify(pruneAnswers(service.form, args.answers)),
        submittedAt: ctx.now,
        receivedAt: ctx.now,
        protocolNumber: null,
        protocolledAt: null,
        updatedAt: ctx.now,
      };
      repos.dossiers.insert(dossier);
      repos.dossiers.insertEvent({
        id: uuidv7(),
        dossierId: dossier.id,
        fromStatus: null,
        toStatus: 'INVIATA',
        actorId: user.id,
        reason: null,
        at: ctx.now,
      });
      audit.append({
        at: ctx.now,
        actor: user,
        dossierId: dossier.id,
        section: 'status',
        action: 'change',
        purpose: 'transition',
        note: '->INVIATA',
      });
      if (args.consent) {
        repos.dossiers.insertConsent(
          {
            id: uuidv7(),
            dossierId: dossier.id,
            personId: person.id,
            operatorId: user.id,
            associationId: dossier.associationId,
            method: args.consent.method,
            witnessName: args.consent.witnessName?.trim() || null,
            textVersion: args.consent.textVersion,
            collectedAt: args.consent.collectedAt,
            recordedAt: ctx.now,
          },
          { signaturePng: args.consent.signature ?? null, delegaSha256: args.consent.delegaSha256 ?? null },
        );
      }
      linkAttachments(repos, ctx, dossier.id, args.attachments ?? [], null);
      stats.refresh(dossier);
      recordChange(ctx, dossier);
      return { dossierId: dossier.id };
    },

    /**
     * `withBenefit`: only the spending service sets it, admitting an economic service in
     * the transaction that records its benefit (spending.admit).
     */
    transition(ctx: MutationContext, args: TransitionArgs, withBenefit = false): MutationResults['dossier.transition@1'] {
      const { user } = ctx;
      if (!hasPermission(user.role, 'dossier.transition') && args.to !== 'RITIRATA') throw new MutationRefused('forbidden');
      const dossier = repos.dossiers.findById(args.dossierId);
      // A dossier outside the user's scope is reported as missing: its existence is not disclosed.
      if (!dossier || !canSeeDossier(user, dossier)) throw new MutationRefused('not_found');
      if (dossier.status !== args.from) throw new MutationRefused('stale_state', dossier.status);
      // Assignment names an officer, so it has its own mutation (dossier.assign@1).
      if (args.to === 'ASSEGNATA') throw new MutationRefused('invalid', 'use:dossier.assign@1');
      // Admitting an economic service commits money: the benefit comes with it (spending.admit).
      if (args.to === 'AMMESSA' && isEconomicService(dossier.serviceCode) && !withBenefit)
        throw new MutationRefused('invalid', 'use:spending.admit');
      const check = checkTransition(args.from, args.to, user.role, args.reason);
      if (!check.ok) throw new MutationRefused(check.refusal === 'reason_required' ? 'reason_required' : 'transition_not_allowed');

      let protocolNumber: string | null = null;
      if (args.to === 'PROTOCOLLATA') {
        const year = Number(ctx.now.slice(0, 4));
        protocolNumber = formatProtocolNumber(year, repos.protocol.next(year));
      }
      repos.dossiers.updateStatus({
        id: dossier.id,
        status: args.to,
        protocolNumber,
        protocolledAt: protocolNumber ? ctx.now : null,
        updatedAt: ctx.now,
      });
      repos.dossiers.insertEvent({
        id: uuidv7(),
        dossierId: dossier.id,
        fromStatus: args.from,
        toStatus: args.to,
        actorId: user.id,
        reason: args.reason?.trim() || null,
        at: ctx.now,
      });
      // Every change of status is audited in the same transaction (issue 4 §7); the row
      // says which move, never the reason's text (that stays on the dossier's events).
      audit.append({
        at: ctx.now,
        actor: user,
        dossierId: dossier.id,
        section: 'status',
        action: 'change',
        purpose: 'transition',
        note: `${args.from}->${args.to}`,
      });
      // A revocation gives the benefit's unpaid part back to its budget line (spending).
      const released = args.to === 'REVOCATA' ? repos.spending.releaseUnpaid(dossier.id, ctx.now) : 0;
      if (released > 0) {
        audit.append({ at: ctx.now, actor: user, dossierId: dossier.id, section: 'benefit', action: 'change', purpose: 'benefit', note: `-${released}` });
      }
      dueDates.refresh(dossier);
      stats.refresh(dossier);
      recordChange(ctx, dossier);
      return { dossierId: dossier.id, status: args.to, protocolNumber: protocolNumber ?? dossier.protocolNumber };
    },

    /** The applicant answers an integration request (integration.service.ts). */
    respond(ctx: MutationContext, args: RespondArgs, answeredAt: string): MutationResults['dossier.respond@1'] {
      const { result, dossier } = respondToIntegration({ repos, dueDates, audit }, ctx, args, answeredAt);
      stats.refresh(dossier);
      recordChange(ctx, dossier);
      return result;
    },

    /** The head of procedure gives the dossier to a case officer of the same office. */
    assign(ctx: MutationContext, args: AssignArgs): MutationResults['dossier.assign@1'] {
      const { user } = ctx;
      if (!hasPermission(user.role, 'dossier.assign')) throw new MutationRefused('forbidden');
      const dossier = repos.dossiers.findById(args.dossierId);
      if (!dossier || !canSeeDossier(user, dossier)) throw new MutationRefused('not_found');
      if (dossier.status !== args.from) throw new MutationRefused('stale_state', dossier.status);
      if (!checkTransition(args.from, 'ASSEGNATA', user.role).ok) throw new MutationRefused('transition_not_allowed');
      const officer = repos.users.findById(args.officerId);
      const eligible = officer?.active && officer.role === 'case_officer' && officer.officeId === dossier.officeId;
      if (!eligible) throw new MutationRefused('invalid', 'officer');
      repos.queue.setAssignee(dossier.id, officer.id, 'ASSEGNATA', ctx.now);
      repos.dossiers.insertEvent({
        id: uuidv7(),
        dossierId: dossier.id,
        fromStatus: args.from,
        toStatus: 'ASSEGNATA',
        actorId: user.id,
        reason: null,
        at: ctx.now,
      });
      audit.append({
        at: ctx.now,
        actor: user,
        dossierId: dossier.id,
        section: 'assignment',
        action: 'change',
        purpose: 'assignment',
        note: `${args.from}->ASSEGNATA`,
      });
      dueDates.refresh(dossier);
      stats.refresh(dossier);
      recordChange(ctx, dossier);
      return { dossierId: dossier.id, status: 'ASSEGNATA', assignedTo: officer.id };
    },
  };
}
export type DossierService = ReturnType<typeof createDossierService>;

/** Whether `person` is the citizen themselves or shares their registry household (anagrafe). */
export function isSelfOrHousehold(
  repos: Repositories,
  citizenPersonId: string | null | undefined,
  person: { id: string; householdId: string | null },
): boolean {
  if (!citizenPersonId) return false;
  if (person.id === citizenPersonId) return true;
  const self = repos.persons.findById(citizenPersonId);
  return !!self?.householdId && self.householdId === person.householdId;
}

/** "PG/2026/000042": the general register, per year, zero-padded for sorting. */
export function formatProtocolNumber(year: number, n: number): string {
  return `PG/${year}/${String(n).padStart(6, '0')}`;
}
