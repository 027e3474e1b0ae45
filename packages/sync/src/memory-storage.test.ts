import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './memory-storage.ts';
import type { DossierView } from './protocol.ts';
import type { OutboxEntry } from './types.ts';

const make = (id: string) => (seq: number): OutboxEntry => ({ id, seq, name: 'dossier.submit@1', args: { n: seq }, at: '2026-03-01T09:00:00.000Z', status: 'pending', attempts: 0 });
const dossier = (id: string) => ({ id, status: 'INVIATA' }) as unknown as DossierView;

describe('MemoryStorage', () => {
  it('keeps one clientId and starts with no cursor', async () => {
    const s = new MemoryStorage();
    const a = await s.loadMeta();
    expect(a).toMatchObject({ cursor: null, lastSyncAt: null });
    expect((await s.loadMeta()).clientId).toBe(a.clientId);
  });

  it('gives concurrent appends distinct, consecutive seqs', async () => {
    const s = new MemoryStorage();
    const entries = await Promise.all(Array.from({ length: 20 }, (_, i) => s.appendToOutbox(make(`m-${i}`))));
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await s.listOutbox()).map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('never reuses a seq, even after entries are removed', async () => {
    const s = new MemoryStorage();
    const a = await s.appendToOutbox(make('a'));
    await s.settleOutbox([a.id], []);
    expect((await s.appendToOutbox(make('b'))).seq).toBe(2);
  });

  it('refuses a second entry with the same id', async () => {
    const s = new MemoryStorage();
    await s.appendToOutbox(make('a'));
    await expect(s.appendToOutbox(make('a'))).rejects.toThrow(/already/);
    expect(await s.listOutbox()).toHaveLength(1);
  });

  it('hands out copies', async () => {
    const s = new MemoryStorage();
    const a = await s.appendToOutbox(make('a'));
    a.status = 'refused';
    const [listed] = await s.listOutbox();
    listed!.attempts = 99;
    expect(await s.listOutbox()).toMatchObject([{ status: 'pending', attempts: 0 }]);
  });

  it('settles in one step: applied removed, refused kept with code, unknown ids ignored', async () => {
    const s = new MemoryStorage({ now: () => new Date('2026-03-01T10:00:00.000Z') });
    for (const id of ['a', 'b', 'c']) await s.appendToOutbox(make(id));
    await s.incrementAttempts(['a', 'b', 'zz']);
    await s.settleOutbox(['a', 'zz'], [{ id: 'b', code: 'forbidden', detail: 'no' }, { id: 'yy', code: 'invalid' }]);
    expect(await s.listOutbox()).toMatchObject([
      { id: 'b', status: 'refused', attempts: 1, refusal: { code: 'forbidden', detail: 'no', at: '2026-03-01T10:00:00.000Z' } },
      { id: 'c', status: 'pending', attempts: 0 },
    ]);
    await s.removeFromOutbox('b');
    expect((await s.listOutbox()).map((e) => e.id)).toEqual(['c']);
  });

  it('applies pulled pages with their cursor; a reset drops records but keeps the outbox', async () => {
    const s = new MemoryStorage();
    await s.appendToOutbox(make('a'));
    await s.applyPull([{ entity: 'dossier', op: 'put', id: 'd1', data: dossier('d1') }, { entity: 'dossier', op: 'put', id: 'd2', data: dossier('d2') }], 2, false);
    await s.applyPull([{ entity: 'dossier', op: 'del', id: 'd1' }], 3, false);
    expect(s.dossiers().map((d) => d.id)).toEqual(['d2']);
    expect((await s.loadMeta()).cursor).toBe(3);
    await s.applyPull([{ entity: 'dossier', op: 'put', id: 'd3', data: dossier('d3') }], 9, true);
    expect(s.dossiers().map((d) => d.id)).toEqual(['d3']);
    expect((await s.loadMeta()).cursor).toBe(9);
    expect((await s.listOutbox()).map((e) => e.id)).toEqual(['a']);
  });
});
