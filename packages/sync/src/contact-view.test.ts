import { describe, expect, it } from 'vitest';
import { projectDossiers, type ViewContext } from './view.ts';
import type { DossierView } from './protocol.ts';
import type { OutboxEntry } from './types.ts';
import type { UpdateContactArgs } from './mutations.ts';

const ctx: ViewContext = { user: { id: 'u-op', name: 'Operatore', role: 'association_operator', associationId: 'ASS-01' }, now: '2026-03-01T10:00:00.000Z' };

function update(args: UpdateContactArgs, seq: number, status: OutboxEntry['status'] = 'pending'): OutboxEntry {
  return { id: `m-${seq}`, seq, name: 'person.updateContact@1', args, at: `2026-03-01T09:00:0${seq}.000Z`, status, attempts: 0 };
}

const server: DossierView = {
  id: 'd-1',
  reference: 'PA-0000-0001',
  serviceCode: 'PA-ANZ-01',
  serviceVersion: 1,
  status: 'PROTOCOLLATA',
  applicant: { personId: 'P-1', codiceFiscale: 'RSSMRA80A01G273X', givenName: 'Mario', familyName: 'Rossi', phone: '3331112222', email: null },
  circoscrizione: 1,
  officeId: 'UFF-C1',
  associationId: 'ASS-01',
  filedBy: { userId: 'u-op', name: 'Operatore', role: 'association_operator' },
  submittedAt: '2026-02-01T09:00:00.000Z',
  receivedAt: '2026-02-01T09:00:00.000Z',
  protocolNumber: 'PG/2026/000001',
  protocolledAt: '2026-02-01T09:10:00.000Z',
  assignedToName: null,
  answers: {},
  events: [],
  updatedAt: '2026-02-01T09:10:00.000Z',
};

describe('a contact change waiting in the outbox', () => {
  it('shows the new value at once, normalised as the server will store it', () => {
    const [d] = projectDossiers([server], [update({ dossierId: 'd-1', field: 'phone', base: '3331112222', value: '347 000 1111' }, 1)], ctx);
    expect(d).toMatchObject({ pending: true, applicant: { phone: '3470001111', email: null } });
  });

  it('applies successive changes in order, and an emptied field shows no value', () => {
    const [d] = projectDossiers(
      [server],
      [
        update({ dossierId: 'd-1', field: 'email', base: null, value: 'Mario@Example.org' }, 1),
        update({ dossierId: 'd-1', field: 'phone', base: '3331112222', value: '' }, 2),
      ],
      ctx,
    );
    expect(d!.applicant).toMatchObject({ email: 'mario@example.org', phone: null });
  });

  it('is not replayed once refused: the server value stays, with the refusal shown', () => {
    const [d] = projectDossiers([server], [update({ dossierId: 'd-1', field: 'phone', base: '3331112222', value: 'abc' }, 1, 'refused')], ctx);
    expect(d!.applicant.phone).toBe('3331112222');
    expect(d!.refused).toBeDefined();
  });
});
