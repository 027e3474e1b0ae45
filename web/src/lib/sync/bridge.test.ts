import { describe, expect, it } from 'vitest';
import type { ViewContext } from '@icaro/sync';
import { newlyAcknowledged, projectWithBridge } from './bridge.ts';
import { dossier, entry, uuid } from '../test/fixtures.ts';

const ctx: ViewContext = { user: { id: 'u1', name: 'Giulia', role: 'association_operator', associationId: 'A1' }, now: '2026-11-26T12:00:00.000Z' };

function submission(seq: number) {
  const dossierId = uuid();
  const e = entry(seq, {
    name: 'dossier.submit@1',
    args: {
      dossierId,
      reference: 'PA-AAAA-BBBB',
      serviceCode: 'PA-ACC-01',
      serviceVersion: 1,
      applicant: { codiceFiscale: 'RSSMRA80A01G273Z', givenName: 'Mario', familyName: 'Rossi', circoscrizione: 4 },
      answers: {},
    },
  });
  return { e, dossierId };
}

describe('the acknowledged-submission bridge', () => {
  it('finds pending submissions that left the outbox', () => {
    const { e } = submission(1);
    const refused = { ...submission(2).e, status: 'refused' as const };
    expect(newlyAcknowledged([e, refused], [])).toEqual([e]);
    expect(newlyAcknowledged([e], [e])).toEqual([]);
  });

  it('keeps the dossier on screen, as sent, until the pull brings it', () => {
    const { e, dossierId } = submission(1);
    const between = projectWithBridge([], [], [e], ctx);
    expect(between.map((d) => [d.id, d.pending])).toEqual([[dossierId, false]]);
    const pulled = projectWithBridge([dossier(dossierId, { status: 'PROTOCOLLATA' })], [], [e], ctx);
    expect(pulled.map((d) => [d.id, d.status])).toEqual([[dossierId, 'PROTOCOLLATA']]);
  });

  it('still shows a later pending change on a bridged dossier as pending', () => {
    const { e, dossierId } = submission(1);
    const withdraw = entry(2, { args: { dossierId, from: 'INVIATA', to: 'RITIRATA' } });
    const view = projectWithBridge([], [withdraw], [e], ctx);
    expect(view.map((d) => [d.status, d.pending])).toEqual([['RITIRATA', true]]);
  });
});
