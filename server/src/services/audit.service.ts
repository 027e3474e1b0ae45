import { createHash } from 'node:crypto';
import type { Answers, AuditAction, AuditPurpose, AuditReadPurpose, AuditSection, Role } from '@icaro/domain';
import type { Db } from '../db/client.ts';
import type { AuditRepo, AuditRow } from '../repositories/audit.repo.ts';
import type { Repositories } from '../repositories/index.ts';
import type { SessionUser } from './auth.service.ts';
import { canSeeDossier } from './scope.ts';
import { canReadSensitive, pickAnswers, sensitiveIdsFor } from './sensitive.ts';
import { searchKeys } from './queue.service.ts';

/** The first row's previous hash. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The canonical serialisation a row's hash covers: every field but the hash itself,
 * in a fixed order, as a JSON array (no key-order or whitespace ambiguity).
 */
export function canonicalAuditRow(row: Omit<AuditRow, 'hash'>): string {
  return JSON.stringify([
    row.seq,
    row.at,
    row.actorId,
    row.actorRole,
    row.dossierId,
    row.section,
    row.action,
    row.purpose,
    row.note,
    row.prevHash,
  ]);
}

export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256').update(canonicalAuditRow(row)).digest('hex');
}

export interface AuditEntry {
  at: string;
  actor: { id: string; role: Role };
  dossierId: string;
  section: AuditSection;
  action: AuditAction;
  purpose: AuditPurpose;
  note?: string | null;
}

export type AuditVerification =
  { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: 'hash' | 'prev_hash' | 'seq' };

/**
 * Appends to the chain. Callers run it inside the transaction of the read's response or
 * of the change, so the row and what it records commit together (better-sqlite3 is
 * synchronous: no other write interleaves between reading the last hash and the insert).
 */
export function createAuditTrail(audit: AuditRepo) {
  return {
    append(entry: AuditEntry): AuditRow {
      const last = audit.last();
      const base = {
        seq: (last?.seq ?? 0) + 1,
        at: entry.at,
        actorId: entry.actor.id,
        actorRole: entry.actor.role,
        dossierId: entry.dossierId,
        section: entry.section,
        action: entry.action,
        purpose: entry.purpose,
        note: entry.note?.trim() || null,
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      const row = { ...base, hash: auditRowHash(base) };
      audit.append(row);
      return row;
    },

    /** Walks the whole chain; reports the first row whose hash or link does not hold. */
    verify(pageSize = 1000): AuditVerification {
      let prevHash = GENESIS_HASH;
      let prevSeq = 0;
      let rows = 0;
      for (;;) {
        const page = audit.page(prevSeq, pageSize);
        for (const row of page) {
          if (row.seq !== prevSeq + 1) return { ok: false, rows, brokenAt: row.seq, reason: 'seq' };
          if (row.prevHash !== prevHash) return { ok: false, rows, brokenAt: row.seq, reason: 'prev_hash' };
          const { hash, ...fields } = row;
          if (auditRowHash(fields) !== hash) return { ok: false, rows, brokenAt: row.seq, reason: 'hash' };
          prevHash = hash;
          prevSeq = row.seq;
          rows++;
        }
        if (page.length < pageSize) return { ok: true, rows };
      }
    },
  };
}
export type AuditTrail = ReturnType<typeof createAuditTrail>;

export class AuditAccessError extends Error {
  constructor(readonly code: 'not_found' | 'forbidden') {
    super(code);
  }
}

/** One row as the auditor sees it: who, when, which section, why. Never dossier content. */
export interface AuditEntryView {
  seq: number;
  at: string;
  actor: { id: string; name: string | null; role: string };
  section: string;
  action: string;
  purpose: string;
  note: string | null;
}

/** A read of one of the citizen's dossiers: when and why, not who. */
export interface MyDossierRead {
  dossierId: string;
  reference: string;
  at: string;
  section: string;
  purpose: string;
}

export function createAuditService(db: Db, repos: Repositories) {
  const trail = createAuditTrail(repos.audit);
  return {
    trail,

    /**
     * The sensitive answers of one dossier, for the assigned officer or the head of
     * procedure. The audit row is written in the same transaction as the answer is read:
     * no row, no answers.
     */
    readSensitive(
      user: SessionUser,
      input: { dossierId: string; purpose: AuditReadPurpose; note?: string | undefined },
      now = new Date().toISOString(),
    ): { dossierId: string; answers: Answers } {
      return db.$client.transaction(() => {
        const dossier = repos.dossiers.findById(input.dossierId);
        // Outside the user's scope the dossier does not exist, as in the mutations.
        if (!dossier || !canSeeDossier(user, dossier)) throw new AuditAccessError('not_found');
        if (!canReadSensitive(user, dossier)) throw new AuditAccessError('forbidden');
        const ids = sensitiveIdsFor(repos.catalogue, dossier.serviceCode, dossier.serviceVersion);
        const answers = pickAnswers(JSON.parse(dossier.answers) as Answers, ids, true);
        trail.append({
          at: now,
          actor: user,
          dossierId: dossier.id,
          section: 'sensitive',
          action: 'read',
          purpose: input.purpose,
          note: input.note,
        });
        return { dossierId: dossier.id, answers };
      })();
    },

    /** For the auditor: every row about one dossier, oldest first. */
    forDossier(dossierId: string): AuditEntryView[] {
      const names = new Map<string, string | null>();
      const nameOf = (id: string) => {
        if (!names.has(id)) names.set(id, repos.users.findById(id)?.displayName ?? null);
        return names.get(id) ?? null;
      };
      return repos.audit.forDossier(dossierId).map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: { id: r.actorId, name: nameOf(r.actorId), role: r.actorRole },
        section: r.section,
        action: r.action,
        purpose: r.purpose,
        note: r.note,
      }));
    },

    /**
     * For the auditor: the dossier a reference or protocol number names ("2026/42" is
     * "PG/2026/000042"), with the facts that identify it; never its content.
     */
    lookup(text: string): { id: string; reference: string; protocolNumber: string | null; serviceCode: string; status: string; officeId: string; submittedAt: string } | null {
      const keys = searchKeys(text);
      if (!keys.code) return null;
      return repos.audit.findDossier(keys.code, keys.protocolNumber) ?? null;
    },

    /** For a citizen: the reads of their own dossiers (their person's), dates and purposes only. */
    myDossierReads(user: SessionUser): MyDossierRead[] {
      if (user.role !== 'citizen' || !user.personId) return [];
      return repos.audit.readsForPerson(user.personId).map((r) => ({
        dossierId: r.dossierId,
        reference: r.reference,
        at: r.at,
        section: r.section,
        purpose: r.purpose,
      }));
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
