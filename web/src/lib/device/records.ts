/**
 * Turns records into stored rows and back: the clear index fields beside the sealed
 * record. All crypto happens here, outside IndexedDB transactions (a WebCrypto promise
 * inside one would let IndexedDB commit it early): callers seal before they open a
 * transaction and open what it returned after it ends.
 *
 * A row without `sealed` is a clear row written before encryption (user-db version 4);
 * readers accept it as it is until sealLegacyRows has sealed it at the first unlock.
 */
import type { DossierView, NeedsReportView, OutboxEntry } from '@icaro/sync';
import type { CitizenPeople, Draft } from './draft-types.ts';
import type { AnswerDraft, StoredAttachment } from './attachment-store.ts';
import { open, openBytes, seal, sealBytes, type Sealed } from './crypto.ts';
import type { AnswerDraftRow, AttachmentRow, DossierRow, DraftRow, MetaRow, NeedsReportRow, OutboxRow, UserDatabase } from './user-db.ts';

type OutboxContent = Pick<OutboxEntry, 'name' | 'args' | 'at'>;

function isSealed(row: object): row is { sealed: Sealed } {
  return 'sealed' in row && row.sealed !== undefined;
}

/** The same test without narrowing, for rows typed as sealed that may still be clear. */
function inClear(row: object): boolean {
  return !isSealed(row);
}

export class RecordCipher {
  constructor(private readonly key: CryptoKey) {}

  // --- outbox: the seq, id, status and push bookkeeping stay clear ----------------------

  async sealOutbox(entry: OutboxEntry): Promise<OutboxRow> {
    const content: OutboxContent = { name: entry.name, args: entry.args, at: entry.at };
    const row: OutboxRow = { id: entry.id, seq: entry.seq, status: entry.status, attempts: entry.attempts, sealed: await seal(this.key, content, `outbox:${entry.id}`) };
    if (entry.refusal) row.refusal = entry.refusal;
    return row;
  }

  async openOutbox(row: OutboxRow): Promise<OutboxEntry> {
    if (!isSealed(row)) return row as unknown as OutboxEntry;
    const { sealed, ...clear } = row;
    const content = await open<OutboxContent>(this.key, sealed, `outbox:${row.id}`);
    return { ...clear, ...content };
  }

  // --- pulled records: the whole view is sealed, its indexes stay clear -----------------

  async sealDossier(view: DossierView): Promise<DossierRow> {
    return { id: view.id, status: view.status, updatedAt: view.updatedAt, sealed: await seal(this.key, view, `dossier:${view.id}`) };
  }

  openDossier(row: DossierRow): Promise<DossierView> {
    return isSealed(row) ? open<DossierView>(this.key, row.sealed, `dossier:${row.id}`) : Promise.resolve(row as unknown as DossierView);
  }

  async sealNeedsReport(view: NeedsReportView): Promise<NeedsReportRow> {
    return { id: view.id, receivedAt: view.receivedAt, sealed: await seal(this.key, view, `needs:${view.id}`) };
  }

  openNeedsReport(row: NeedsReportRow): Promise<NeedsReportView> {
    return isSealed(row) ? open<NeedsReportView>(this.key, row.sealed, `needs:${row.id}`) : Promise.resolve(row as unknown as NeedsReportView);
  }

  // --- the user's own work --------------------------------------------------------------

  async sealDraft(draft: Draft): Promise<DraftRow> {
    return { id: draft.id, updatedAt: draft.updatedAt, sealed: await seal(this.key, draft, `draft:${draft.id}`) };
  }

  openDraft(row: DraftRow): Promise<Draft> {
    return isSealed(row) ? open<Draft>(this.key, row.sealed, `draft:${row.id}`) : Promise.resolve(row as unknown as Draft);
  }

  async sealAnswerDraft(draft: AnswerDraft): Promise<AnswerDraftRow> {
    return { dossierId: draft.dossierId, sealed: await seal(this.key, draft, `answer:${draft.dossierId}`) };
  }

  openAnswerDraft(row: AnswerDraftRow): Promise<AnswerDraft> {
    return isSealed(row) ? open<AnswerDraft>(this.key, row.sealed, `answer:${row.dossierId}`) : Promise.resolve(row as unknown as AnswerDraft);
  }

  async sealPeople(people: CitizenPeople, fetchedAt: string): Promise<MetaRow> {
    return { key: 'people', sealed: await seal(this.key, people, 'meta:people'), fetchedAt };
  }

  async openPeople(row: MetaRow): Promise<CitizenPeople | undefined> {
    if (row.key !== 'people') return undefined;
    if (isSealed(row)) return open<CitizenPeople>(this.key, row.sealed, 'meta:people');
    return (row as unknown as { people: CitizenPeople }).people;
  }

  /** The name is sealed with the record; the bytes apart, so dropping them after upload needs no key. */
  async sealAttachment(file: StoredAttachment): Promise<AttachmentRow> {
    const { name, blob, ...clear } = file;
    const [sealed, data] = await Promise.all([
      seal(this.key, { name }, `attachment:${file.sha256}`),
      blob ? blob.arrayBuffer().then((bytes) => sealBytes(this.key, bytes, `attachment-data:${file.sha256}`)) : Promise.resolve(null),
    ]);
    return { ...clear, sealed, data };
  }

  async openAttachment(row: AttachmentRow): Promise<StoredAttachment> {
    if (!isSealed(row)) return row as unknown as StoredAttachment;
    const { sealed, data, ...clear } = row;
    const [{ name }, bytes] = await Promise.all([
      open<{ name: string }>(this.key, sealed, `attachment:${row.sha256}`),
      data ? openBytes(this.key, data, `attachment-data:${row.sha256}`) : Promise.resolve(null),
    ]);
    return { ...clear, name, blob: bytes ? new Blob([bytes], { type: row.mime }) : null };
  }

  openAll<R, T>(rows: R[], one: (row: R) => Promise<T>): Promise<T[]> {
    return Promise.all(rows.map((r) => one.call(this, r)));
  }
}

/**
 * Seals every clear row left by the previous version of the database, at the first
 * unlock (the upgrade itself has no key). The rows are sealed outside any transaction,
 * then written in one transaction that only replaces a row still in clear, so an entry
 * another tab settled or sealed meanwhile is not brought back. The outbox and drafts
 * (the user's unsent work) go through here like the rest: nothing is dropped.
 * Returns how many rows were sealed.
 */
export async function sealLegacyRows(db: UserDatabase, cipher: RecordCipher): Promise<number> {
  const clear = <T extends object>(rows: T[]) => rows.filter((r) => !isSealed(r));
  const [outbox, drafts, dossiers, needs, attachments, answers, people] = await Promise.all([
    db.outbox.toArray().then(clear),
    db.drafts.toArray().then(clear),
    db.dossiers.toArray().then(clear),
    db.needsReports.toArray().then(clear),
    db.attachments.toArray().then(clear),
    db.answerDrafts.toArray().then(clear),
    db.meta.get('people'),
  ]);
  const legacyPeople = people && !isSealed(people) ? (people as unknown as { people: CitizenPeople; fetchedAt: string }) : null;
  const total = outbox.length + drafts.length + dossiers.length + needs.length + attachments.length + answers.length + (legacyPeople ? 1 : 0);
  if (total === 0) return 0;

  const [sOutbox, sDrafts, sDossiers, sNeeds, sAttachments, sAnswers, sPeople] = await Promise.all([
    Promise.all(outbox.map((r) => cipher.sealOutbox(r as unknown as OutboxEntry))),
    Promise.all(drafts.map((r) => cipher.sealDraft(r as unknown as Draft))),
    Promise.all(dossiers.map((r) => cipher.sealDossier(r as unknown as DossierView))),
    Promise.all(needs.map((r) => cipher.sealNeedsReport(r as unknown as NeedsReportView))),
    Promise.all(attachments.map((r) => cipher.sealAttachment(r as unknown as StoredAttachment))),
    Promise.all(answers.map((r) => cipher.sealAnswerDraft(r as unknown as AnswerDraft))),
    legacyPeople ? cipher.sealPeople(legacyPeople.people, legacyPeople.fetchedAt) : Promise.resolve(null),
  ]);

  await db.transaction('rw', [db.outbox, db.drafts, db.dossiers, db.needsReports, db.attachments, db.answerDrafts, db.meta], async () => {
    // Replaces only rows that are still the clear ones read above.
    const still = async <R extends object>(table: { get(key: never): Promise<R | undefined> }, key: unknown) => {
      const current = await table.get(key as never);
      return current !== undefined && inClear(current);
    };
    for (const row of sOutbox) {
      // The outbox is keyed by seq; the entry's own status and attempts may have moved on.
      const current = await db.outbox.get(row.seq);
      if (current && inClear(current)) await db.outbox.put({ ...row, status: current.status, attempts: current.attempts, ...(current.refusal ? { refusal: current.refusal } : {}) });
    }
    for (const row of sDrafts) if (await still(db.drafts, row.id)) await db.drafts.put(row);
    for (const row of sDossiers) if (await still(db.dossiers, row.id)) await db.dossiers.put(row);
    for (const row of sNeeds) if (await still(db.needsReports, row.id)) await db.needsReports.put(row);
    for (const row of sAnswers) if (await still(db.answerDrafts, row.dossierId)) await db.answerDrafts.put(row);
    for (const row of sAttachments) {
      const current = await db.attachments.get(row.sha256);
      if (!current || !inClear(current)) continue;
      // State moves (queued, uploaded) made meanwhile win; the bytes go once uploaded.
      const moved = current as unknown as StoredAttachment;
      await db.attachments.put({ ...row, state: moved.state, received: moved.received, error: moved.error, dossierIds: moved.dossierIds, updatedAt: moved.updatedAt, data: moved.blob ? row.data : null });
    }
    if (sPeople) {
      const current = await db.meta.get('people');
      if (current && inClear(current)) await db.meta.put(sPeople);
    }
  });
  return total;
}
