import { describe, expect, it } from 'vitest';
import { projectDossiers, type ViewContext } from './view.ts';
import type { DossierView } from './protocol.ts';
import type { OutboxEntry } from './types.ts';
import type { AssignArgs } from './mutations.ts';

const ctx: ViewContext = { user: { id: 'u-head', name: 'Responsabile', role: 'head_of_procedure' }, now: '2026-03-01T10:00:00.000Z' };
const OFFICER = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

function assign(args: AssignArgs, seq: number, status: OutboxEntry['status'] = 'pending'): OutboxEntry {
  return { id: `m-${seq}`, seq, name: 'dossier.assign@1', args, at: `2026-03-01T09:00:0${seq}.000Z`, status, attempts: 0 };
}

const server: DossierView = {
  id: 'd-1',
  reference: 'PA-0000-0001',
  serviceCode: 'PA-ANZ-01',
  serviceVersion: 1,
  status: 'PROTOCOLLATA',
  applicant: { personId: 'P-1', codiceFiscale: 'RSSMRA80A01G273X', givenName: 'Mario', familyName: 'Rossi' },
  circoscrizione: 1,
  officeId: 'UFF-C1',
  associationId: null,
  filedBy: { userId: 'u-fd', name: 'Sportello', role: 'front_desk' },
  submittedAt: '2026-02-01T09:00:00.000Z',
  receivedAt: '2026-02-01T09:00:00.000Z',
  protocolNumber: 'PG/2026/000001',
  protocolledAt: '2026-02-01T09:10:00.000Z',
  assignedToName: null,
  answers: {},
  events: [],
  updatedAt: '2026-02-01T09:10:00.000Z',
};

describe('an assignment waiting in the outbox', () => {
  it('shows the dossier assigned to the chosen officer at once', () => {
    const [d] = projectDossiers([server], [assign({ dossierId: 'd-1', from: 'PROTOCOLLATA', officerId: OFFICER, officerName: 'Anna' }, 1)], ctx);
    expect(d).toMatchObject({ status: 'ASSEGNATA', assignedTo: OFFICER, assignedToName: 'Anna', pending: true });
    expect(d!.events.at(-1)).toMatchObject({ from: 'PROTOCOLLATA', to: 'ASSEGNATA', actorName: 'Responsabile' });
  });

  it('is not replayed on a state the user did not see, nor once refused', () => {
    const stale = projectDossiers([{ ...server, status: 'ISTRUTTORIA' }], [assign({ dossierId: 'd-1', from: 'PROTOCOLLATA', officerId: OFFICER }, 1)], ctx);
    expect(stale[0]).toMatchObject({ status: 'ISTRUTTORIA', assignedToName: null });
    const refused = projectDossiers([server], [assign({ dossierId: 'd-1', from: 'PROTOCOLLATA', officerId: OFFICER }, 2, 'refused')], ctx);
    expect(refused[0]).toMatchObject({ status: 'PROTOCOLLATA', refused: { code: 'internal' } });
  });
});
