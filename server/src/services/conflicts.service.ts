/**
 * Two writers on one field (issue 4 §9; ARCHITECTURE.md, "Conflicts"). A person's contact
 * data is written on devices (a citizen, the association's operator, possibly offline) and
 * by the office. `person.updateContact@1` carries the value the device saw: if the server
 * still holds it the write applies; if someone changed the field meanwhile, the server keeps
 * its value and records both in `sync_conflicts`. Staff resolve the conflict on the dossier
 * (keep one, or type the right value); the resolution is audited and goes to devices
 * through the change log like any other change.
 */
import { uuidv7 } from 'uuidv7';
import {
  decideFieldWrite,
  hasPermission,
  isOfficeRole,
  normalizeContact,
  type ConflictChoice,
  type ContactField,
  type Role,
} from '@icaro/domain';
import type { ConflictView, DossierView, MoveFlagView, MutationResults, RegistryChangeView, UpdateContactArgs } from '@icaro/sync';
import type { Db } from '../db/client.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Scope } from '../repositories/sync.repo.ts';
import type { SessionUser } from './auth.service.ts';
import { ChangeRecorder } from './changes.ts';
import type { MutationContext } from './dossier.service.ts';
import { MutationRefused } from './errors.ts';
import { canSeeDossier } from './scope.ts';
import { createAuditTrail } from './audit.service.ts';

export class ConflictError extends Error {
  constructor(readonly code: 'not_found' | 'already_resolved' | 'changed' | 'invalid_value') {
    super(code);
  }
}

export function createConflictsService(db: Db, repos: Repositories, onCommitted: (changes: ChangeRecorder) => void = () => {}) {
  const audit = createAuditTrail(repos.audit);

  /** Every dossier of the person goes out again, so each device showing them updates. */
  function resend(changes: ChangeRecorder, personId: string, at: string): void {
    for (const d of repos.conflicts.dossiersOfPerson(personId)) {
      changes.put('dossier', d.id, { officeId: d.officeId, associationId: d.associationId, personId }, at);
    }
  }

  return {
    /** The `person.updateContact@1` handler; runs inside the push's transaction. */
    updateContact(
      ctx: MutationContext,
      args: UpdateContactArgs,
      mutationId: string,
      deviceAt: string,
    ): MutationResults['person.updateContact@1'] {
      const { user } = ctx;
      const dossier = repos.dossiers.findById(args.dossierId);
      if (!dossier || !canSeeDossier(user, dossier)) throw new MutationRefused('not_found');
      // Who may write contact data: whoever files (citizen, operator) and office staff.
      if (!hasPermission(user.role, 'dossier.file') && !isOfficeRole(user.role)) throw new MutationRefused('forbidden');
      const next = normalizeContact(args.field, args.value);
      if (!next.ok) throw new MutationRefused('invalid', `${args.field}:${next.error}`);
      const base = normalizeContact(args.field, args.base);
      const baseValue = base.ok ? base.value : args.base;
      const current = repos.conflicts.contactOf(dossier.personId, args.field);
      if (current === undefined) throw new MutationRefused('not_found');

      // Values stored before normalisation (e.g. typed at filing) compare by their normal form.
      const normalCurrent = normalizeContact(args.field, current);
      const decision = decideFieldWrite(baseValue, normalCurrent.ok ? normalCurrent.value : current, next.value);
      if (decision === 'noop') return { dossierId: dossier.id, outcome: 'unchanged' };
      if (decision === 'apply') {
        repos.conflicts.setContact(dossier.personId, args.field, next.value);
        repos.conflicts.recordWrite(dossier.personId, args.field, user.id, ctx.now);
        repos.conflicts.refreshServerSide(dossier.personId, args.field, next.value, user.id, ctx.now);
        resend(ctx.changes, dossier.personId, ctx.now);
        return { dossierId: dossier.id, outcome: 'applied' };
      }
      const last = repos.conflicts.lastWrite(dossier.personId, args.field);
      const conflictId = uuidv7();
      repos.conflicts.insert({
        id: conflictId,
        entity: 'person',
        entityId: dossier.personId,
        dossierId: dossier.id,
        field: args.field,
        baseValue,
        serverValue: current,
        serverBy: last?.writtenBy ?? null,
        serverAt: last?.writtenAt ?? null,
        deviceValue: next.value,
        deviceBy: user.id,
        deviceAt,
        mutationId,
        createdAt: ctx.now,
        status: 'open',
        resolvedBy: null,
        resolvedAt: null,
        choice: null,
        resolvedValue: null,
      });
      ctx.changes.put(
        'dossier',
        dossier.id,
        { officeId: dossier.officeId, associationId: dossier.associationId, personId: dossier.personId },
        ctx.now,
      );
      return { dossierId: dossier.id, outcome: 'conflict', conflictId };
    },

    /**
     * Staff settle a conflict: keep the server's value, take the device's, or type the
     * right one. The value, the conflict's state and the audit row commit together.
     */
    resolve(
      user: SessionUser,
      input: { conflictId: string; choice: ConflictChoice; value?: string | undefined },
      now = new Date().toISOString(),
    ): { conflictId: string; value: string | null } {
      const changes = new ChangeRecorder(repos.sync);
      const result = db.$client.transaction(() => {
        const conflict = repos.conflicts.findById(input.conflictId);
        const dossier = conflict ? repos.dossiers.findById(conflict.dossierId) : undefined;
        if (!conflict || !dossier || !canSeeDossier(user, dossier)) throw new ConflictError('not_found');
        if (conflict.status !== 'open') throw new ConflictError('already_resolved');
        const field = conflict.field as ContactField;
        // Someone wrote the field again after the conflict was recorded: the values shown
        // are no longer the whole story, so nothing is written; staff look again.
        const current = repos.conflicts.contactOf(conflict.entityId, field) ?? null;
        const normal = (v: string | null) => {
          const n = normalizeContact(field, v);
          return n.ok ? n.value : v;
        };
        if (normal(current) !== normal(conflict.serverValue)) throw new ConflictError('changed');
        let value: string | null;
        if (input.choice === 'server') value = conflict.serverValue;
        else if (input.choice === 'device') value = conflict.deviceValue;
        else {
          const typed = normalizeContact(field, input.value ?? '');
          if (!typed.ok) throw new ConflictError('invalid_value');
          value = typed.value;
        }
        if (current !== value) {
          repos.conflicts.setContact(conflict.entityId, field, value);
        }
        repos.conflicts.recordWrite(conflict.entityId, field, user.id, now);
        if (!repos.conflicts.resolve(conflict.id, { by: user.id, at: now, choice: input.choice, value }))
          throw new ConflictError('already_resolved');
        // Other open conflicts on the same field now stand against the resolved value.
        repos.conflicts.refreshServerSide(conflict.entityId, field, value, user.id, now);
        // The note names the field and the choice, never the value (the trail holds no content).
        audit.append({
          at: now,
          actor: user,
          dossierId: dossier.id,
          section: 'contact',
          action: 'change',
          purpose: 'conflict_resolution',
          note: `${field}:${input.choice}`,
        });
        resend(changes, conflict.entityId, now);
        return { conflictId: conflict.id, value };
      })();
      onCommitted(changes);
      return result;
    },
  };
}
export type ConflictsService = ReturnType<typeof createConflictsService>;

/**
 * Adds to a pull page's views what they say about the applicant beyond the dossier itself:
 * contact and registry data, the registry's changes since the dossier was filed, an open
 * move flag and open conflicts. Selected by the page's change-log range: four prepared
 * queries per page, whatever its size.
 */
export function addApplicantFacts(
  repos: Repositories,
  views: Map<string, DossierView>,
  range: { scope: Exclude<Scope, { kind: 'none' }>; from: number; to: number },
): void {
  if (views.size === 0) return;
  const facts = repos.conflicts.factsInChangeRange(range.scope, range.from, range.to);
  const people = new Map(facts.persons.map((p) => [p.id, p]));
  const history = new Map<string, RegistryChangeView[]>();
  for (const h of facts.history) {
    const list = history.get(h.personId) ?? [];
    list.push({
      field: h.field as RegistryChangeView['field'],
      oldValue: h.oldValue,
      newValue: h.newValue,
      changedOn: h.changedOn,
      recordedAt: h.recordedAt,
    });
    history.set(h.personId, list);
  }
  const flags = new Map<string, MoveFlagView>();
  for (const f of facts.flags) {
    if (f.kind !== 'moved' || flags.has(f.dossierId)) continue;
    const detail = JSON.parse(f.detail) as { from?: number; to?: number };
    if (typeof detail.from === 'number' && typeof detail.to === 'number')
      flags.set(f.dossierId, { id: f.id, from: detail.from, to: detail.to, createdAt: f.createdAt });
  }
  const conflicts = new Map<string, ConflictView[]>();
  for (const c of facts.conflicts) {
    const list = conflicts.get(c.dossierId) ?? [];
    list.push({
      id: c.id,
      field: c.field as ContactField,
      baseValue: c.baseValue,
      server: { value: c.serverValue, byName: c.serverName, byRole: (c.serverRole as Role | null) ?? null, at: c.serverAt },
      device: { value: c.deviceValue, byName: c.deviceName, byRole: c.deviceRole as Role, at: c.deviceAt },
      createdAt: c.createdAt,
    });
    conflicts.set(c.dossierId, list);
  }
  for (const view of views.values()) {
    const person = people.get(view.applicant.personId);
    if (person) {
      view.applicant = {
        ...view.applicant,
        phone: person.phone,
        email: person.email,
        address: person.address,
        householdId: person.householdId,
        residence: person.circoscrizione,
      };
    }
    // The registry's changes since the dossier reached the office.
    view.registryChanges = (history.get(view.applicant.personId) ?? []).filter((h) => h.recordedAt >= view.receivedAt);
    view.moveFlag = flags.get(view.id) ?? null;
    view.conflicts = conflicts.get(view.id) ?? [];
  }
}
