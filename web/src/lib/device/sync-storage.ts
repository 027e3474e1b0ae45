/**
 * The engine's SyncStorage port over the user's Dexie database. Seq allocation and the
 * append happen in one read-write transaction over meta and outbox: IndexedDB runs
 * overlapping read-write transactions one at a time, across tabs too, so two tabs can
 * never take the same seq.
 *
 * Records are sealed before a transaction opens and opened after it ends (records.ts):
 * a pulled page is sealed with parallel WebCrypto calls, then written in one transaction.
 */
import type { Change, OutboxEntry, RefusalCode, SyncMeta, SyncStorage } from '@icaro/sync';
import type { DossierRow, MetaRow, NeedsReportRow, OutboxRow, UserDatabase } from './user-db.ts';
import type { RecordCipher } from './records.ts';

type SyncRow = Extract<MetaRow, { key: 'sync' }>;

export class DexieSyncStorage implements SyncStorage {
  constructor(
    private readonly db: UserDatabase,
    private readonly cipher: RecordCipher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async loadMeta(): Promise<SyncMeta> {
    // In a read-write transaction, so two tabs starting together agree on one clientId.
    return this.db.transaction('rw', this.db.meta, async () => {
      const row = await this.readSyncRow();
      if (row) return toMeta(row);
      const fresh: SyncRow = { key: 'sync', clientId: crypto.randomUUID(), cursor: null, lastSyncAt: null };
      await this.db.meta.put(fresh);
      return toMeta(fresh);
    });
  }

  async saveMeta(patch: Partial<Omit<SyncMeta, 'clientId'>>): Promise<void> {
    await this.db.transaction('rw', this.db.meta, async () => {
      const row = await this.readSyncRow();
      if (!row) throw new Error('saveMeta before loadMeta');
      await this.db.meta.put({ ...row, ...definedOnly(patch) });
    });
  }

  async appendToOutbox(make: (seq: number) => OutboxEntry): Promise<OutboxEntry> {
    const content = make(0);
    return appendInTransaction(this.db, make, content, await this.cipher.sealOutbox(content));
  }

  async listOutbox(): Promise<OutboxEntry[]> {
    return this.cipher.openAll(await this.db.outbox.orderBy('seq').toArray(), this.cipher.openOutbox);
  }

  async settleOutbox(applied: string[], refused: { id: string; code: RefusalCode; detail?: string }[]): Promise<void> {
    const at = this.now().toISOString();
    await this.db.transaction('rw', this.db.outbox, async () => {
      if (applied.length > 0) await this.db.outbox.where('id').anyOf(applied).delete();
      for (const r of refused) {
        const refusal = r.detail === undefined ? { code: r.code, at } : { code: r.code, detail: r.detail, at };
        await this.db.outbox.where('id').equals(r.id).modify({ status: 'refused', refusal });
      }
    });
  }

  async removeFromOutbox(id: string): Promise<void> {
    await this.db.outbox.where('id').equals(id).delete();
  }

  async incrementAttempts(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.outbox
      .where('id')
      .anyOf(ids)
      .modify((e) => {
        e.attempts += 1;
      });
  }

  async applyPull(changes: Change[], cursor: number, reset: boolean): Promise<void> {
    // Sealed in parallel before the transaction; deletes need no sealing.
    const sealed = await Promise.all(
      changes.map((c): Promise<DossierRow | NeedsReportRow | null> =>
        c.op !== 'put' ? Promise.resolve(null) : c.entity === 'dossier' ? this.cipher.sealDossier(c.data) : this.cipher.sealNeedsReport(c.data),
      ),
    );
    await this.db.transaction('rw', this.db.dossiers, this.db.needsReports, this.db.meta, async () => {
      if (reset) await Promise.all([this.db.dossiers.clear(), this.db.needsReports.clear()]);
      // Runs of puts and deletes of one entity are batched, keeping their order: a put
      // then a delete of the same id in one page must end deleted.
      let i = 0;
      while (i < changes.length) {
        const { op, entity } = changes[i]!;
        let j = i;
        while (j < changes.length && changes[j]!.op === op && changes[j]!.entity === entity) j++;
        const run = changes.slice(i, j);
        const rows = sealed.slice(i, j);
        if (entity === 'dossier') {
          if (op === 'put') await this.db.dossiers.bulkPut(rows as DossierRow[]);
          else await this.db.dossiers.bulkDelete(run.map((c) => c.id));
        } else if (op === 'put') {
          await this.db.needsReports.bulkPut(rows as NeedsReportRow[]);
        } else await this.db.needsReports.bulkDelete(run.map((c) => c.id));
        i = j;
      }
      const row = await this.readSyncRow();
      if (!row) throw new Error('applyPull before loadMeta');
      await this.db.meta.put({ ...row, cursor });
    });
  }

  private async readSyncRow(): Promise<SyncRow | undefined> {
    const row = await this.db.meta.get('sync');
    return row?.key === 'sync' ? row : undefined;
  }
}

/**
 * Takes the next seq and appends the entry, in the caller's transaction if there is one
 * (Dexie joins nested transactions on a subset of the tables), so a submission can
 * delete its draft atomically with the append. `content` is the entry `make` built
 * before the seq was known (nothing in it but the seq depends on the seq), and `sealed`
 * that entry sealed beforehand: what is stored is exactly what is returned.
 */
export async function appendInTransaction(
  db: UserDatabase,
  make: (seq: number) => OutboxEntry,
  content: OutboxEntry,
  sealed: OutboxRow,
): Promise<OutboxEntry> {
  return db.transaction('rw', db.meta, db.outbox, async () => {
    const counter = await db.meta.get('seq');
    const last = await db.outbox.orderBy('seq').last();
    // The counter never goes back, even after acknowledged entries are removed; the
    // outbox's own maximum is a guard for a database written before the counter existed.
    const seq = Math.max(counter?.key === 'seq' ? counter.next : 1, (last?.seq ?? 0) + 1);
    const entry = make(seq);
    if (entry.seq !== seq) throw new Error('outbox entry must use the allocated seq');
    if (entry.id !== content.id || sealed.id !== content.id) throw new Error('outbox entry must be the one sealed');
    await db.outbox.add({ ...sealed, seq });
    await db.meta.put({ key: 'seq', next: seq + 1 });
    return { ...content, seq };
  });
}

function toMeta(row: SyncRow): SyncMeta {
  return { clientId: row.clientId, cursor: row.cursor, lastSyncAt: row.lastSyncAt };
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
