import { describe, expect, it } from 'vitest';
import { projectDossiers, type ViewContext } from './view.ts';
import type { DossierView } from './protocol.ts';
import type { OutboxEntry } from './types.ts';
import { respondArgsSchema, type RespondArgs } from './mutations.ts';

const ctx: ViewContext = { user: { id: 'u-cit', name: 'Rosalia Cusumano', role: 'citizen' }, now: '2026-03-01T10:00:00.000Z' };
const DOSSIER = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const ANSWER = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const SHA = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

function respond(args: RespondArgs, seq = 1): OutboxEntry {
  return { id: `m-${seq}`, seq, name: 'dossier.respond@1', args, at: '2026-03-01T09:30:00.000Z', status: 'pending', attempts: 0 };
}

const waiting: DossierView = {
  id: DOSSIER,
  reference: 'PA-0000-0002',
  serviceCode: 'PA-POV-01',
  serviceVersion: 1,
  status: 'INTEGRAZIONE_RICHIESTA',
  applicant: { personId: 'P-1', codiceFiscale: 'CSMRSL48L55G273P', givenName: 'Rosalia', familyName: 'Cusumano' },
  circoscrizione: 1,
  officeId: 'UFF-C1',
  associationId: null,
  filedBy: { userId: 'u-cit', name: 'Rosalia Cusumano', role: 'citizen' },
  submittedAt: '2026-02-01T09:00:00.000Z',
  receivedAt: '2026-02-01T09:00:00.000Z',
  protocolNumber: 'PG/2026/000002',
  protocolledAt: '2026-02-01T09:10:00.000Z',
  assignedToName: 'Istruttore',
  answers: {},
  events: [],
  updatedAt: '2026-02-20T09:10:00.000Z',
};

const args: RespondArgs = {
  dossierId: DOSSIER,
  answerId: ANSWER,
  message: 'Ecco l’ISEE',
  attachments: [{ sha256: SHA, name: 'isee.pdf' }],
};

describe('an answer to an integration request waiting in the outbox', () => {
  it('gives the dossier back to the office at once, with the applicant as the actor', () => {
    const [d] = projectDossiers([waiting], [respond(args)], ctx);
    expect(d).toMatchObject({ status: 'ISTRUTTORIA', pending: true });
    expect(d!.events.at(-1)).toMatchObject({ from: 'INTEGRAZIONE_RICHIESTA', to: 'ISTRUTTORIA', actorName: 'Rosalia Cusumano' });
  });

  it('changes nothing once the office has moved the dossier on', () => {
    const [d] = projectDossiers([{ ...waiting, status: 'VALUTAZIONE' }], [respond(args)], ctx);
    expect(d).toMatchObject({ status: 'VALUTAZIONE', events: [] });
  });

  it('has a strict schema: a hash is 64 lowercase hex digits, and no unknown fields', () => {
    expect(respondArgsSchema.safeParse(args).success).toBe(true);
    expect(respondArgsSchema.safeParse({ ...args, attachments: [{ sha256: SHA.toUpperCase(), name: 'x.pdf' }] }).success).toBe(false);
    expect(respondArgsSchema.safeParse({ ...args, extra: 1 }).success).toBe(false);
    expect(respondArgsSchema.safeParse({ ...args, message: 'x'.repeat(4001) }).success).toBe(false);
  });
});
