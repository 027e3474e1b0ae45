/**
 * The data subject's rights (GDPR arts. 15-17, 20; QUALITY.md §2 "GDPR"), as rules:
 * - access and export: everything ICARO holds about a person, as one JSON document; the
 *   citizen downloads their own, the data protection officer produces it on a written
 *   request (audited);
 * - rectification: an append-only correction, the record following it in one transaction;
 * - erasure: refused with the legal basis while any dossier of the person is within its
 *   retention (PRIVACY_RETENTION_YEARS after it closed, docs/privacy.md), done for real
 *   afterwards: free text, documents and identity go, the statistics' rows stay;
 * - the retention purge: the same erasure, run daily and from the CLI, idempotent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import {
  checkCorrection,
  decideErasure,
  dossierRetention,
  findService,
  CONTACT_FIELDS,
  todayInPalermo,
  type Answers,
  type ContactField,
  type CorrectableField,
  type DossierRetention,
  type ErasureDecision,
  type ErasureRefusalBasis,
  type Role,
} from '@icaro/domain';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Repositories } from '../repositories/index.ts';
import type { SessionUser } from './auth.service.ts';
import { createAuditTrail } from './audit.service.ts';
import { ChangeRecorder } from './changes.ts';
import { canSeeDossier } from './scope.ts';

export class PrivacyError extends Error {
  constructor(readonly code: 'not_found' | 'forbidden' | 'invalid_value' | 'unchanged' | 'cf_taken' | 'erased') {
    super(code);
  }
}

/** The export's format name and version: a reader can tell what it holds. */
export const EXPORT_FORMAT = 'icaro-dati-personali';
export const EXPORT_VERSION = 1;

export interface PrivacyExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  generatedAt: string;
  controller: string;
  person: {
    codiceFiscale: string;
    givenName: string;
    familyName: string;
    birthDate: string;
    sex: string;
    phone: string | null;
    email: string | null;
    address: string | null;
    circoscrizione: number;
    recordedSince: string;
  };
  dossiers: {
    reference: string;
    /** Set when the dossier is about someone else (a member of the household the person filed for). */
    about: { givenName: string; familyName: string; codiceFiscale: string } | null;
    service: { code: string; title: string };
    status: string;
    office: string;
    protocolNumber: string | null;
    submittedAt: string;
    answers: Answers;
    history: { from: string | null; to: string; at: string; reason: string | null; byRole: string }[];
    consents: { method: string; textVersion: string; collectedAt: string; witnessName: string | null }[];
    documents: { name: string; kind: string | null; addedAt: string; sizeBytes: number; type: string }[];
    /** Reads of this dossier's data by staff: when, which section, why (not who). */
    reads: { at: string; section: string; purpose: string }[];
    retention: { closedOn: string | null; erasableFrom: string | null };
  }[];
  corrections: {
    field: string;
    oldValue: string | null;
    newValue: string | null;
    reason: string;
    sourceDocument: string;
    correctedAt: string;
  }[];
  registryChanges: { field: string; oldValue: string | null; newValue: string | null; changedOn: string | null; recordedAt: string }[];
  requests: { kind: string; receivedOn: string; outcome: string; retainUntil: string | null }[];
  retentionYears: number;
}

export interface PersonSummary {
  personId: string;
  codiceFiscale: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  erasedAt: string | null;
  erasure: ErasureDecision;
  dossiers: (DossierRetention & { reference: string })[];
  corrections: PrivacyExport['corrections'];
  requests: PrivacyExport['requests'];
}

export type ErasureResult =
  | {
      outcome: 'refused';
      bases: ErasureRefusalBasis[];
      erasableFrom: string | null;
      dossiers: (DossierRetention & { reference: string })[];
    }
  | { outcome: 'erased'; dossiers: number; files: number };

export interface PurgeReport {
  dryRun: boolean;
  dossiers: number;
  persons: number;
  files: number;
}

const isContactField = (field: CorrectableField): field is CorrectableField & ContactField =>
  (CONTACT_FIELDS as readonly string[]).includes(field);

/** The actor of the scheduled purge in the audit trail (no person). */
const PURGE_ACTOR = { id: 'retention-purge', role: 'admin' as Role };

export function createPrivacyService(deps: {
  db: Db;
  repos: Repositories;
  retentionYears: number;
  dataDir: string;
  log: Logger;
  onCommitted?: (changes: ChangeRecorder) => void;
}) {
  const { db, repos, retentionYears, log } = deps;
  const audit = createAuditTrail(repos.audit);
  const transaction = <T>(fn: () => T): T => db.$client.transaction(fn)();
  // Stored files live where the attachment service puts them: <DATA_DIR>/attachments/<2 hex>/<sha256>.
  const filePath = (sha: string) => path.join(deps.dataDir, 'attachments', sha.slice(0, 2), sha);
  const closedOn = (lastAt: string | null) => (lastAt ? todayInPalermo(new Date(lastAt)) : null);

  function retentions(personId: string): (DossierRetention & { reference: string })[] {
    const refs = new Map(repos.privacy.dossiersForExport(personId, []).map((d) => [d.id, d.reference]));
    return repos.privacy.retentionFacts(personId).map((f) => ({
      ...dossierRetention({ id: f.id, status: f.status, closedOn: closedOn(f.lastAt) }, retentionYears),
      reference: refs.get(f.id) ?? '',
    }));
  }

  /** A person's corrections as the export and the office's dossier page show them (no author). */
  function correctionsOf(personId: string): PrivacyExport['corrections'] {
    return repos.privacy.corrections(personId).map((c) => ({
      field: c.field,
      oldValue: c.oldValue,
      newValue: c.newValue,
      reason: c.reason,
      sourceDocument: c.sourceDocument,
      correctedAt: c.correctedAt,
    }));
  }

  function buildExport(personId: string, now: string): PrivacyExport {
    const p = repos.privacy.person(personId);
    if (!p) throw new PrivacyError('not_found');
    const filers = repos.privacy.userIdsOfPerson(personId);
    const list = repos.privacy.dossiersForExport(personId, filers);
    const ids = list.map((d) => d.id);
    const own = new Set(list.filter((d) => d.personId === personId).map((d) => d.id));
    const group = <T extends { dossierId: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const r of rows) map.set(r.dossierId, [...(map.get(r.dossierId) ?? []), r]);
      return (id: string) => map.get(id) ?? [];
    };
    const history = group(repos.privacy.statusHistory(ids));
    const consents = group(repos.privacy.consents(ids));
    const documents = group(repos.privacy.documents(ids));
    const reads = group(repos.privacy.reads([...own]));
    const retention = new Map(retentions(personId).map((r) => [r.dossierId, r]));
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      generatedAt: now,
      controller: 'Comune di Palermo',
      person: {
        codiceFiscale: p.codiceFiscale,
        givenName: p.givenName,
        familyName: p.familyName,
        birthDate: p.birthDate,
        sex: p.sex,
        phone: p.phone,
        email: p.email,
        address: p.address,
        circoscrizione: p.circoscrizione,
        recordedSince: p.createdAt,
      },
      dossiers: list.map((d) => ({
        reference: d.reference,
        about:
          d.personId === personId ? null : { givenName: d.forGivenName, familyName: d.forFamilyName, codiceFiscale: d.forCodiceFiscale },
        service: { code: d.serviceCode, title: findService(d.serviceCode)?.title ?? d.serviceCode },
        status: d.status,
        office: d.officeName,
        protocolNumber: d.protocolNumber,
        submittedAt: d.submittedAt,
        answers: JSON.parse(d.answers) as Answers,
        history: history(d.id).map((h) => ({ from: h.from, to: h.to, at: h.at, reason: h.reason, byRole: h.actorRole })),
        consents: consents(d.id).map((c) => ({
          method: c.method,
          textVersion: c.textVersion,
          collectedAt: c.collectedAt,
          witnessName: c.witnessName,
        })),
        documents: documents(d.id).map((x) => ({
          name: x.name,
          kind: x.documentKind,
          addedAt: x.addedAt,
          sizeBytes: x.size,
          type: x.mime,
        })),
        reads: reads(d.id).map((r) => ({ at: r.at, section: r.section, purpose: r.purpose })),
        retention: { closedOn: retention.get(d.id)?.closedOn ?? null, erasableFrom: retention.get(d.id)?.erasableFrom ?? null },
      })),
      corrections: correctionsOf(personId),
      registryChanges: repos.privacy.registryHistory(personId),
      requests: repos.privacy
        .requestsOfPerson(personId)
        .map((r) => ({ kind: r.kind, receivedOn: r.receivedOn, outcome: r.outcome, retainUntil: r.retainUntil })),
      retentionYears,
    };
  }

  /** One audit row per dossier of the person (the trail is per dossier); none when they have none. */
  function auditPerson(
    personId: string,
    actor: { id: string; role: Role },
    action: 'read' | 'change',
    purpose: 'richiesta_interessato' | 'rectification' | 'erasure',
    note: string | null,
    at: string,
  ): void {
    for (const d of repos.privacy.retentionFacts(personId)) {
      audit.append({ at, actor, dossierId: d.id, section: 'privacy', action, purpose, note });
    }
  }

  function resend(changes: ChangeRecorder, personId: string, at: string): void {
    for (const d of repos.privacy.retentionFacts(personId)) {
      changes.put('dossier', d.id, { officeId: d.officeId, associationId: d.associationId, personId }, at);
    }
  }

  /** Wipes one dossier's content inside the caller's transaction; returns the file hashes that may go. */
  function wipeDossier(dossierId: string): string[] {
    const hashes = [...new Set([...repos.privacy.documentHashes(dossierId), ...repos.privacy.delegaHashes(dossierId)])];
    repos.privacy.wipeDossier(dossierId);
    return hashes.filter((sha) => repos.privacy.dropAttachmentIfUnused(sha));
  }

  /** After the commit: a file whose rows are gone is deleted (a crash in between leaves an unreachable file, never a row without its file). */
  function deleteFiles(hashes: readonly string[]): number {
    let n = 0;
    for (const sha of hashes) {
      try {
        fs.rmSync(filePath(sha), { force: true });
        n++;
      } catch (error) {
        log.error('privacy: a document file could not be deleted', { sha256: sha, error: String(error) });
      }
    }
    return n;
  }

  /** Erases one person and all their dossiers, in the caller's transaction. */
  function erasePersonTx(personId: string, by: string, requestId: string | null, now: string): { dossiers: number; hashes: string[] } {
    repos.privacy.openGate(personId);
    const facts = repos.privacy.retentionFacts(personId);
    const hashes: string[] = [];
    for (const d of facts) {
      if (!repos.privacy.isErased('dossier', d.id)) {
        hashes.push(...wipeDossier(d.id));
        repos.privacy.recordErasure({ id: uuidv7(), kind: 'dossier', subjectId: d.id, requestId, doneBy: by, doneAt: now, files: 0 });
      }
    }
    repos.privacy.wipePerson(personId);
    repos.privacy.closeGate(personId);
    repos.privacy.recordErasure({
      id: uuidv7(),
      kind: 'person',
      subjectId: personId,
      requestId,
      doneBy: by,
      doneAt: now,
      files: hashes.length,
    });
    return { dossiers: facts.length, hashes };
  }

  return {
    /** A citizen's own data ("I miei dati"). */
    myData(user: SessionUser, now = new Date().toISOString()): PrivacyExport {
      if (user.role !== 'citizen' || !user.personId) throw new PrivacyError('forbidden');
      return buildExport(user.personId, now);
    },

    /** The data protection officer finds a person by codice fiscale: what is held, the retention, the past requests. */
    findPerson(codiceFiscale: string, now = new Date().toISOString()): PersonSummary | null {
      const p = repos.privacy.personByCodiceFiscale(codiceFiscale.trim().toUpperCase());
      if (!p) return null;
      const full = buildExport(p.id, now);
      const dossiers = retentions(p.id);
      return {
        personId: p.id,
        codiceFiscale: p.codiceFiscale,
        givenName: p.givenName,
        familyName: p.familyName,
        birthDate: p.birthDate,
        sex: p.sex,
        phone: p.phone,
        email: p.email,
        address: p.address,
        erasedAt: repos.privacy.erasedAt('person', p.id),
        erasure: decideErasure(dossiers, todayInPalermo(new Date(now))),
        dossiers,
        corrections: full.corrections,
        requests: full.requests,
      };
    },

    /** The export on a written request (art. 15): recorded as a request and audited on each dossier. */
    exportFor(user: SessionUser, input: { personId: string; receivedOn: string }, now = new Date().toISOString()): PrivacyExport {
      return transaction(() => {
        if (!repos.privacy.person(input.personId)) throw new PrivacyError('not_found');
        repos.privacy.insertRequest({
          id: uuidv7(),
          personId: input.personId,
          kind: 'access',
          receivedOn: input.receivedOn,
          outcome: 'exported',
          basis: null,
          retainUntil: null,
          handledBy: user.id,
          handledAt: now,
        });
        auditPerson(input.personId, user, 'read', 'richiesta_interessato', 'export', now);
        return buildExport(input.personId, now);
      });
    },

    /**
     * Rectification (art. 16): a correction row (who, when, field, old, new, why, on which
     * document) and the new value, in one transaction; contact fields also as a known write
     * (the sync conflicts' record), and every dossier of the person goes out again.
     */
    rectify(
      user: SessionUser,
      input: { personId: string; field: CorrectableField; value: string; reason: string; sourceDocument: string; receivedOn: string },
      now = new Date().toISOString(),
    ): { correctionId: string; value: string | null } {
      const changes = new ChangeRecorder(repos.sync);
      const result = transaction(() => {
        const p = repos.privacy.person(input.personId);
        if (!p) throw new PrivacyError('not_found');
        if (repos.privacy.isErased('person', p.id)) throw new PrivacyError('erased');
        const checked = checkCorrection(input.field, input.value);
        if (!checked.ok) throw new PrivacyError('invalid_value');
        const old = p[input.field] ?? null;
        if (old === checked.value) throw new PrivacyError('unchanged');
        if (input.field === 'codiceFiscale') {
          const other = repos.privacy.personByCodiceFiscale(checked.value!);
          if (other && other.id !== p.id) throw new PrivacyError('cf_taken');
        }
        const requestId = uuidv7();
        repos.privacy.insertRequest({
          id: requestId,
          personId: p.id,
          kind: 'rectification',
          receivedOn: input.receivedOn,
          outcome: 'rectified',
          basis: null,
          retainUntil: null,
          handledBy: user.id,
          handledAt: now,
        });
        const correctionId = uuidv7();
        repos.privacy.insertCorrection({
          id: correctionId,
          personId: p.id,
          field: input.field,
          oldValue: old === null ? null : String(old),
          newValue: checked.value,
          reason: input.reason,
          sourceDocument: input.sourceDocument,
          requestId,
          correctedBy: user.id,
          correctedAt: now,
        });
        if (isContactField(input.field)) {
          repos.conflicts.setContact(p.id, input.field, checked.value);
          repos.conflicts.recordWrite(p.id, input.field, user.id, now);
          repos.conflicts.refreshServerSide(p.id, input.field, checked.value, user.id, now);
        } else {
          repos.privacy.setPersonField(p.id, input.field, checked.value);
        }
        // The note names the field, never the values (the trail holds no content).
        auditPerson(p.id, user, 'change', 'rectification', input.field, now);
        resend(changes, p.id, now);
        return { correctionId, value: checked.value };
      });
      deps.onCommitted?.(changes);
      return result;
    },

    /**
     * For the dossier's office: the history of corrections of its applicant's data (art. 16),
     * so staff see why a value changed. Outside the user's scope the dossier does not exist.
     */
    correctionsForDossier(user: SessionUser, dossierId: string): PrivacyExport['corrections'] {
      const dossier = repos.dossiers.findById(dossierId);
      if (!dossier || !canSeeDossier(user, dossier)) throw new PrivacyError('not_found');
      return correctionsOf(dossier.personId);
    },

    /** Art. 17: whether an erasure can be done today, and if not why and from when. */
    evaluateErasure(personId: string, now = new Date().toISOString()): ErasureDecision {
      if (!repos.privacy.person(personId)) throw new PrivacyError('not_found');
      return decideErasure(retentions(personId), todayInPalermo(new Date(now)));
    },

    /**
     * An erasure request: refused (recorded with the bases and the date) while a retention
     * applies; otherwise done in one transaction, files deleted after the commit.
     */
    erase(user: SessionUser, input: { personId: string; receivedOn: string }, now = new Date().toISOString()): ErasureResult {
      const changes = new ChangeRecorder(repos.sync);
      const { result, hashes } = transaction(() => {
        if (!repos.privacy.person(input.personId)) throw new PrivacyError('not_found');
        if (repos.privacy.isErased('person', input.personId)) throw new PrivacyError('erased');
        const dossiers = retentions(input.personId);
        const decision = decideErasure(dossiers, todayInPalermo(new Date(now)));
        const requestId = uuidv7();
        const refused = decision.outcome === 'refused';
        repos.privacy.insertRequest({
          id: requestId,
          personId: input.personId,
          kind: 'erasure',
          receivedOn: input.receivedOn,
          outcome: refused ? 'refused' : 'erased',
          basis: refused ? JSON.stringify(decision.bases) : null,
          retainUntil: refused ? decision.erasableFrom : null,
          handledBy: user.id,
          handledAt: now,
        });
        if (decision.outcome === 'refused') {
          const held = new Set(decision.dossiers.map((d) => d.dossierId));
          return {
            result: {
              outcome: 'refused',
              bases: decision.bases,
              erasableFrom: decision.erasableFrom,
              dossiers: dossiers.filter((d) => held.has(d.dossierId)),
            } as ErasureResult,
            hashes: [] as string[],
          };
        }
        auditPerson(input.personId, user, 'change', 'erasure', 'request', now);
        resend(changes, input.personId, now);
        const done = erasePersonTx(input.personId, user.id, requestId, now);
        return { result: { outcome: 'erased', dossiers: done.dossiers, files: done.hashes.length } as ErasureResult, hashes: done.hashes };
      });
      deleteFiles(hashes);
      if (result.outcome === 'erased') {
        deps.onCommitted?.(changes);
        log.info('privacy: person erased on request', { personId: input.personId, dossiers: result.dossiers, files: result.files });
      }
      return result;
    },

    /**
     * The retention purge: every final dossier past its retention has its content erased
     * (one transaction each), then every person whose dossiers are all erased is erased
     * too. Idempotent (privacy_erasures); with dryRun it only counts. Logs ids only.
     */
    purge(options: { dryRun?: boolean; now?: string } = {}): PurgeReport {
      const now = options.now ?? new Date().toISOString();
      const today = todayInPalermo(new Date(now));
      // Candidates by instant (a day's margin for the time zone), then the exact rule by date.
      const before = new Date(Date.parse(`${today}T00:00:00Z`) + 36 * 3_600_000);
      before.setUTCFullYear(before.getUTCFullYear() - retentionYears);
      const due = repos.privacy.dossiersPastRetention(before.toISOString()).filter((d) => {
        const r = dossierRetention({ id: d.id, status: d.status, closedOn: closedOn(d.lastAt) }, retentionYears);
        return r.erasableFrom !== null && r.erasableFrom <= today;
      });
      const report: PurgeReport = { dryRun: !!options.dryRun, dossiers: 0, persons: 0, files: 0 };
      if (options.dryRun) {
        const dueIds = new Set(due.map((d) => d.id));
        const people = new Set(due.map((d) => d.personId));
        report.dossiers = due.length;
        for (const personId of people) {
          const all = repos.privacy.retentionFacts(personId);
          if (all.every((d) => dueIds.has(d.id) || repos.privacy.isErased('dossier', d.id)) && !repos.privacy.isErased('person', personId))
            report.persons++;
        }
        for (const personId of repos.privacy.personsFullyErased()) if (!people.has(personId)) report.persons++;
        return report;
      }
      for (const d of due) {
        const changes = new ChangeRecorder(repos.sync);
        const hashes = transaction(() => {
          if (repos.privacy.isErased('dossier', d.id)) return [];
          repos.privacy.openGate(d.personId);
          audit.append({
            at: now,
            actor: PURGE_ACTOR,
            dossierId: d.id,
            section: 'privacy',
            action: 'change',
            purpose: 'erasure',
            note: 'retention',
          });
          const gone = wipeDossier(d.id);
          repos.privacy.closeGate(d.personId);
          repos.privacy.recordErasure({
            id: uuidv7(),
            kind: 'dossier',
            subjectId: d.id,
            requestId: null,
            doneBy: PURGE_ACTOR.id,
            doneAt: now,
            files: gone.length,
          });
          const facts = repos.privacy.retentionFacts(d.personId).find((f) => f.id === d.id);
          if (facts)
            changes.put('dossier', d.id, { officeId: facts.officeId, associationId: facts.associationId, personId: d.personId }, now);
          return gone;
        });
        report.dossiers++;
        report.files += deleteFiles(hashes);
        deps.onCommitted?.(changes);
      }
      for (const personId of repos.privacy.personsFullyErased()) {
        const changes = new ChangeRecorder(repos.sync);
        const hashes = transaction(() => {
          resend(changes, personId, now);
          return erasePersonTx(personId, PURGE_ACTOR.id, null, now).hashes;
        });
        report.persons++;
        report.files += deleteFiles(hashes);
        deps.onCommitted?.(changes);
      }
      if (report.dossiers || report.persons) log.info('privacy: retention purge', { ...report });
      return report;
    },

    /**
     * The daily purge, scheduled like the albo's job, but first run a minute after start-up
     * rather than during it (on a city of a million dossiers the scan takes a moment).
     */
    startDailyJob(intervalMs = 24 * 3_600_000, firstAfterMs = 60_000): () => void {
      const run = () => {
        try {
          this.purge();
        } catch (error) {
          log.error('privacy: retention purge failed', { error: String(error) });
        }
      };
      let timer: NodeJS.Timeout = setTimeout(() => {
        run();
        timer = setInterval(run, intervalMs);
        timer.unref();
      }, firstAfterMs);
      timer.unref();
      return () => clearTimeout(timer);
    },
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;
