import { describe, expect, it } from 'vitest';
import type { DossierView, StatusEventView } from '@icaro/sync';
import { dossierProgress } from './progress.ts';

const ev = (to: StatusEventView['to'], at: string, reason: string | null = null, id = at): StatusEventView => ({
  id,
  from: null,
  to,
  at,
  actorName: 'Ufficio',
  actorRole: 'case_officer',
  reason,
});
const calendar30 = { termDays: 30, dayKind: 'calendar' as const };
const working20 = { termDays: 20, dayKind: 'working' as const };

function dossier(status: DossierView['status'], events: StatusEventView[], dueDate: string | null = null) {
  return { status, events, dueDate };
}

describe('dossierProgress', () => {
  it('has no deadline before protocol', () => {
    const p = dossierProgress(dossier('INVIATA', [ev('INVIATA', '2026-11-02T09:00:00Z')]), calendar30, new Date('2026-11-03T10:00:00Z'));
    expect(p).toEqual({ deadline: { kind: 'none' }, waiting: null });
  });

  it('counts the days left from protocol (calendar term moved off a weekend)', () => {
    // Protocolled Mon 2 Nov 2026: day 30 is Wed 2 Dec.
    const events = [ev('INVIATA', '2026-11-01T09:00:00Z'), ev('PROTOCOLLATA', '2026-11-02T09:00:00Z')];
    const p = dossierProgress(dossier('PROTOCOLLATA', events), calendar30, new Date('2026-11-12T10:00:00Z'));
    expect(p.deadline).toEqual({ kind: 'running', dueDate: '2026-12-02', daysLeft: 20, working: false });
  });

  it("prefers the server's due date once synced", () => {
    const events = [ev('PROTOCOLLATA', '2026-11-02T09:00:00Z')];
    const p = dossierProgress(dossier('ASSEGNATA', events, '2026-12-03'), calendar30, new Date('2026-11-12T10:00:00Z'));
    expect(p.deadline).toMatchObject({ kind: 'running', dueDate: '2026-12-03' });
  });

  it('counts working days for a working-day term', () => {
    const events = [ev('PROTOCOLLATA', '2026-11-02T09:00:00Z')];
    const p = dossierProgress(dossier('ISTRUTTORIA', events), working20, new Date('2026-11-09T10:00:00Z'));
    // 3..9 Nov: 5 working days used; 15 left.
    expect(p.deadline).toMatchObject({ kind: 'running', daysLeft: 15, working: true });
  });

  it('says what the office is waiting for, with its words, and that the clock is stopped', () => {
    const events = [
      ev('PROTOCOLLATA', '2026-11-02T09:00:00Z'),
      ev('ISTRUTTORIA', '2026-11-03T09:00:00Z'),
      ev('INTEGRAZIONE_RICHIESTA', '2026-11-05T09:00:00Z', '  Manca l’attestazione ISEE 2026  '),
    ];
    const p = dossierProgress(dossier('INTEGRAZIONE_RICHIESTA', events), calendar30, new Date('2026-11-10T10:00:00Z'));
    expect(p.deadline.kind).toBe('suspended');
    expect(p.waiting).toEqual({ kind: 'integration', at: '2026-11-05T09:00:00Z', reason: 'Manca l’attestazione ISEE 2026', replyBy: null });
  });

  it('gives the last day to reply to a 10-bis notice', () => {
    const events = [ev('PROTOCOLLATA', '2026-11-02T09:00:00Z'), ev('PREAVVISO_DINIEGO', '2026-11-20T09:00:00Z', 'ISEE oltre la soglia')];
    const p = dossierProgress(dossier('PREAVVISO_DINIEGO', events), calendar30, new Date('2026-11-21T10:00:00Z'));
    expect(p.waiting).toEqual({ kind: 'preavviso', at: '2026-11-20T09:00:00Z', reason: 'ISEE oltre la soglia', replyBy: '2026-11-30' });
  });

  it('is overdue past the due date, and decided once the office concluded', () => {
    const events = [ev('PROTOCOLLATA', '2026-09-01T09:00:00Z')];
    expect(dossierProgress(dossier('ISTRUTTORIA', events), calendar30, new Date('2026-11-12T10:00:00Z')).deadline).toMatchObject({
      kind: 'overdue',
    });
    const decided = [...events, ev('AMMESSA', '2026-09-20T09:00:00Z')];
    expect(dossierProgress(dossier('AMMESSA', decided), calendar30, new Date('2026-11-12T10:00:00Z')).deadline).toEqual({
      kind: 'decided',
      on: '2026-09-20',
    });
  });
});
