/** Shared builders for the web unit tests. */
import type { DossierView, OutboxEntry } from '@icaro/sync';
import type { Draft } from '../device/draft-types.ts';

let counter = 0;
export function uuid(): string {
  counter += 1;
  return `00000000-0000-7000-8000-${String(counter).padStart(12, '0')}`;
}

export function entry(seq: number, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id: uuid(),
    seq,
    name: 'dossier.transition@1',
    args: { dossierId: uuid(), from: 'INVIATA', to: 'PROTOCOLLATA' },
    at: '2026-11-26T10:00:00.000Z',
    status: 'pending',
    attempts: 0,
    ...overrides,
  };
}

export function dossier(id: string, overrides: Partial<DossierView> = {}): DossierView {
  return {
    id,
    reference: 'PA-0000-0001',
    serviceCode: 'PA-ACC-01',
    serviceVersion: 1,
    status: 'INVIATA',
    applicant: { personId: 'p1', codiceFiscale: 'RSSMRA80A01G273Z', givenName: 'Mario', familyName: 'Rossi' },
    circoscrizione: 4,
    officeId: 'UFF-C4',
    associationId: 'ASS-1',
    filedBy: { userId: 'u1', name: 'Giulia Caruso', role: 'association_operator' },
    submittedAt: '2026-11-26T10:00:00.000Z',
    receivedAt: '2026-11-26T10:00:01.000Z',
    protocolNumber: null,
    protocolledAt: null,
    assignedToName: null,
    answers: {},
    events: [],
    updatedAt: '2026-11-26T10:00:01.000Z',
    ...overrides,
  };
}

export function emptyDraft(id = uuid()): Draft {
  return {
    id,
    createdAt: '2026-11-26T10:00:00.000Z',
    updatedAt: '2026-11-26T10:00:00.000Z',
    applicant: null,
    serviceCode: null,
    serviceVersion: null,
    answers: {},
    consent: null,
  };
}
