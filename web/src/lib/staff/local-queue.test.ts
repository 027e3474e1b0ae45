import { describe, expect, it } from 'vitest';
import type { DossierView } from '@icaro/sync';
import { localQueue, localWorkload } from './local-queue.ts';

let n = 0;
function dossier(over: Partial<DossierView>): DossierView {
  n += 1;
  return {
    id: `0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a${String(n).padStart(2, '0')}`,
    reference: `PA-0000-00${String(n).padStart(2, '0')}`,
    serviceCode: 'PA-POV-01',
    serviceVersion: 1,
    status: 'ISTRUTTORIA',
    applicant: { personId: 'p', codiceFiscale: 'RSSMRA80A01G273X', givenName: 'Maria', familyName: 'La Rosa' },
    circoscrizione: 1,
    officeId: 'UFF-C1',
    associationId: null,
    filedBy: { userId: 'u', name: 'U', role: 'front_desk' },
    submittedAt: '2026-11-01T10:00:00Z',
    receivedAt: '2026-11-01T10:00:00Z',
    protocolNumber: null,
    protocolledAt: null,
    assignedToName: null,
    answers: {},
    events: [],
    updatedAt: '2026-11-01T10:00:00Z',
    ...over,
  };
}

const today = '2026-11-26';
const a = dossier({ dueDate: '2026-12-20', warnDate: '2026-12-10', assignedTo: 'o1', assignedToName: 'Anna' });
const b = dossier({ dueDate: '2026-11-20', warnDate: '2026-11-10', assignedTo: 'o1', assignedToName: 'Anna', protocolNumber: 'PG/2026/000042' });
const c = dossier({ status: 'INVIATA', applicant: { personId: 'q', codiceFiscale: 'BNCLGU70B02G273Y', givenName: 'Luigi', familyName: 'Bianchi' } });
const d = dossier({ status: 'CHIUSA' });
const e = dossier({ dueDate: '2026-11-30', warnDate: '2026-11-24', assignedTo: 'o2', assignedToName: 'Bruno' });
const all = [a, b, c, d, e];

describe('the queue on the device', () => {
  it('orders open dossiers by due date, undated last, closed ones out', () => {
    expect(localQueue(all, {}, today).map((r) => r.id)).toEqual([b.id, e.id, a.id, c.id]);
  });

  it('filters by risk, assignee and search keys as the server does', () => {
    expect(localQueue(all, { risk: 'overdue' }, today).map((r) => r.id)).toEqual([b.id]);
    expect(localQueue(all, { risk: 'warning' }, today).map((r) => r.id)).toEqual([e.id]);
    expect(localQueue(all, { assignee: 'none' }, today).map((r) => r.id)).toEqual([c.id]);
    expect(localQueue(all, { search: 'rosa maria' }, today)).toHaveLength(3);
    expect(localQueue(all, { search: 'bianchi' }, today).map((r) => r.id)).toEqual([c.id]);
    expect(localQueue(all, { search: '2026/42' }, today).map((r) => r.id)).toEqual([b.id]);
    expect(localQueue(all, { search: c.reference.toLowerCase(), state: 'all' }, today).map((r) => r.id)).toEqual([c.id]);
  });

  it('counts each officer’s open, near and late dossiers', () => {
    expect(localWorkload(all, today)).toEqual([
      { userId: 'o1', name: 'Anna', open: 2, warning: 0, overdue: 1 },
      { userId: 'o2', name: 'Bruno', open: 1, warning: 1, overdue: 0 },
    ]);
  });
});
