import { describe, expect, it } from 'vitest';
import { projectDossiers, type ViewContext } from './view.ts';
import type { DossierView } from './protocol.ts';
import type { OutboxEntry } from './types.ts';
import type { MutationArgs, MutationName } from './mutations.ts';
import { submitArgs } from './test/fixtures.ts';

const ctx: ViewContext = { user: { id: 'u-op', name: 'Rosalia Operatrice', role: 'association_operator', associationId: 'ass-1' }, now: '2026-03-01T10:00:00.000Z' };

let seq = 0;
function entry<N extends MutationName>(name: N, args: MutationArgs[N], extra: Partial<OutboxEntry> = {}): OutboxEntry {
  seq += 1;
  return { id: `m-${seq}`, seq, name, args, at: `2026-03-01T09:00:${String(seq % 60).padStart(2, '0')}.000Z`, status: 'pending', attempts: 0, ...extra };
}

function serverDossier(id: string, status: DossierView['status'] = 'INVIATA'): DossierView {
  return {
    id,
    reference: 'REF-000042',
    serviceCode: 'PA-ANZ-01',
    serviceVersion: 1,
    status,
    applicant: { personId: 'P-1', codiceFiscale: 'RSSMRA80A01G273X', givenName: 'Mario', familyName: 'Rossi' },
    circoscrizione: 3,
    officeId: 'UFF-C3',
    associationId: 'ass-1',
    filedBy: { userId: 'u-op', name: 'Rosalia Operatrice', role: 'association_operator' },
    submittedAt: '2026-02-01T09:00:00.000Z',
    receivedAt: '2026-02-01T09:05:00.000Z',
    protocolNumber: null,
    protocolledAt: null,
    assignedToName: null,
    answers: {},
    events: [{ id: 'e-1', from: null, to: 'INVIATA', at: '2026-02-01T09:05:00.000Z', actorName: 'Rosalia Operatrice', actorRole: 'association_operator', reason: null }],
    updatedAt: '2026-02-01T09:05:00.000Z',
  };
}

describe('projectDossiers', () => {
  it('is the server state, not pending, when the outbox is empty', () => {
    const server = [serverDossier('d-1'), serverDossier('d-2', 'PROTOCOLLATA')];
    expect(projectDossiers(server, [], ctx)).toEqual(server.map((d) => ({ ...d, pending: false })));
  });

  it('shows a submission waiting in the outbox as an optimistic dossier', () => {
    const args = submitArgs(2);
    const e = entry('dossier.submit@1', args);
    const [d] = projectDossiers([], [e], ctx);
    expect(d).toMatchObject({
      id: args.dossierId,
      reference: args.reference,
      status: 'INVIATA',
      receivedAt: '',
      protocolNumber: null,
      officeId: `UFF-C${args.applicant.circoscrizione}`,
      associationId: 'ass-1',
      filedBy: { userId: 'u-op', name: 'Rosalia Operatrice', role: 'association_operator' },
      submittedAt: e.at,
      answers: args.answers,
      pending: true,
      pendingSince: e.at,
    });
    expect(d?.events).toEqual([{ id: e.id, from: null, to: 'INVIATA', at: e.at, actorName: 'Rosalia Operatrice', actorRole: 'association_operator', reason: null }]);
    expect(d?.refused).toBeUndefined();
  });

  it('prefers the server copy once the server has the submitted dossier', () => {
    const args = submitArgs(3, { dossierId: '0190a8c0-0000-7000-8000-0000000000d1' });
    const server = serverDossier(args.dossierId, 'PROTOCOLLATA');
    const [d] = projectDossiers([server], [entry('dossier.submit@1', args)], ctx);
    expect(d).toMatchObject({ status: 'PROTOCOLLATA', receivedAt: server.receivedAt, pending: true });
  });

  it('replays pending transitions in seq order, whatever order it is given', () => {
    const server = [serverDossier('d-1')];
    const a = entry('dossier.transition@1', { dossierId: 'd-1', from: 'INVIATA', to: 'PROTOCOLLATA' });
    const b = entry('dossier.transition@1', { dossierId: 'd-1', from: 'PROTOCOLLATA', to: 'ASSEGNATA' });
    const [d] = projectDossiers(server, [b, a], ctx);
    expect(d?.status).toBe('ASSEGNATA');
    expect(d?.events.map((e) => e.id)).toEqual(['e-1', a.id, b.id]);
    expect(d).toMatchObject({ pending: true, pendingSince: a.at, updatedAt: b.at });
  });

  it('leaves the status alone when the dossier has moved on, but still shows it pending', () => {
    const server = [serverDossier('d-1', 'ASSEGNATA')];
    const [d] = projectDossiers(server, [entry('dossier.transition@1', { dossierId: 'd-1', from: 'INVIATA', to: 'RITIRATA' })], ctx);
    expect(d).toMatchObject({ status: 'ASSEGNATA', pending: true });
    expect(d?.events).toHaveLength(1);
  });

  it('does not replay a refused transition, and shows why on its dossier', () => {
    const server = [serverDossier('d-1')];
    const refused = entry('dossier.transition@1', { dossierId: 'd-1', from: 'INVIATA', to: 'RITIRATA' }, {
      status: 'refused',
      refusal: { code: 'stale_state', detail: 'The dossier is now PROTOCOLLATA', at: ctx.now },
    });
    const [d] = projectDossiers(server, [refused], ctx);
    expect(d).toMatchObject({ status: 'INVIATA', pending: false, refused: { code: 'stale_state', detail: 'The dossier is now PROTOCOLLATA' } });
  });

  it('keeps showing a refused submission, so nothing typed disappears', () => {
    const args = submitArgs(4);
    const refused = entry('dossier.submit@1', args, { status: 'refused', refusal: { code: 'consent_required', at: ctx.now } });
    const [d] = projectDossiers([], [refused], ctx);
    expect(d).toMatchObject({ id: args.dossierId, answers: args.answers, pending: false, refused: { code: 'consent_required' } });
  });

  it('ignores mutations on dossiers it cannot see', () => {
    const e = entry('dossier.transition@1', { dossierId: 'd-gone', from: 'INVIATA', to: 'RITIRATA' });
    expect(projectDossiers([serverDossier('d-1')], [e], ctx).map((d) => d.id)).toEqual(['d-1']);
  });

  it('changes none of its inputs', () => {
    const server = [serverDossier('d-1')];
    const outbox = [entry('dossier.transition@1', { dossierId: 'd-1', from: 'INVIATA', to: 'RITIRATA' }), entry('dossier.submit@1', submitArgs(5))];
    const before = structuredClone({ server, outbox });
    projectDossiers(server, outbox, ctx);
    expect({ server, outbox }).toEqual(before);
  });
});
