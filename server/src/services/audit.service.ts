import { createHash } from 'node:crypto';
import type { AuditAction, AuditPurpose, AuditSection, Role } from '@icaro/domain';
import type { AuditRepo, AuditRow } from '../repositories/audit.repo.ts';

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

export type AuditVerification = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: 'hash' | 'prev_hash' | 'seq' };

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
