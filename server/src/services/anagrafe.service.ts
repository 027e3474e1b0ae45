/**
 * Import of resident-registry (anagrafe) extracts (issue 4 §8; format in docs/anagrafe.md).
 *
 * The file is hashed, then streamed through csv-parse and applied in batches, one
 * transaction per batch: only one batch of raw rows is ever held in memory. A row is
 * checked whole before anything is written; a bad row is reported by line number and
 * reason and the others go on. Values equal to the stored ones write nothing, so importing
 * the same file again changes nothing; the file's SHA-256 is recorded so that a second
 * import of the same file is refused (unless forced) and says when the first one ran.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { uuidv7 } from 'uuidv7';
import { isCircoscrizioneNumber, officeForCircoscrizione, validateCodiceFiscale, type CodiceFiscaleResult, type Role } from '@icaro/domain';
import type { Repositories } from '../repositories/index.ts';
import type { RegistryPerson } from '../repositories/anagrafe.repo.ts';
import { ChangeRecorder } from './changes.ts';
import { createAuditTrail } from './audit.service.ts';
import { refreshMovedDossier } from './stats-keeper.ts';

/** The columns of an extract, in no fixed order; the header row names them. */
export const ANAGRAFE_COLUMNS = [
  'codice_fiscale',
  'cognome',
  'nome',
  'data_nascita',
  'sesso',
  'indirizzo',
  'circoscrizione',
  'codice_famiglia',
  'data_variazione',
] as const;
export type AnagrafeColumn = (typeof ANAGRAFE_COLUMNS)[number];
const REQUIRED: readonly AnagrafeColumn[] = ['codice_fiscale', 'cognome', 'nome', 'data_nascita', 'sesso', 'indirizzo', 'circoscrizione'];

/** Why a row was not imported. `detail` names the field or the domain's reason. */
export type RowErrorReason =
  | 'columns' // the row has a different number of fields than the header
  | 'missing' // a required field is empty (detail: the column)
  | 'codice_fiscale' // detail: the domain's CodiceFiscaleError
  | 'codice_fiscale_mismatch' // the code does not match data_nascita/sesso
  | 'date' // detail: the column
  | 'sex'
  | 'circoscrizione';

export interface RowError {
  line: number;
  reason: RowErrorReason;
  detail?: string;
}

export interface ImportReport {
  importId: string | null;
  sha256: string;
  /** When this file (same SHA-256) was imported before; nothing was done unless forced. */
  alreadyImportedAt: string | null;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** History rows written. */
  historyRows: number;
  /** Open dossiers flagged to their head of procedure (move to another circoscrizione). */
  flagged: number;
  /** Dossiers re-sent to devices through the change log. */
  dossiersResent: number;
  errors: RowError[];
  /** Fatal problem with the file as a whole (e.g. a missing header column). */
  fileError: string | null;
}

interface ParsedRow {
  line: number;
  codiceFiscale: string;
  familyName: string;
  givenName: string;
  birthDate: string;
  sex: 'M' | 'F';
  address: string;
  circoscrizione: number;
  householdId: string | null;
  changedOn: string | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function parseCircoscrizione(s: string): number | null {
  const t = s.trim().toUpperCase();
  const n = /^\d+$/.test(t) ? Number(t) : ROMAN.indexOf(t) + 1;
  return isCircoscrizioneNumber(n) ? n : null;
}

/** Checks one data row against the header's column positions. */
export function parseAnagrafeRow(fields: readonly string[], at: Record<AnagrafeColumn, number>, width: number, line: number): ParsedRow | RowError {
  if (fields.length !== width) return { line, reason: 'columns', detail: `${fields.length}/${width}` };
  const get = (c: AnagrafeColumn) => (at[c] >= 0 ? (fields[at[c]] ?? '').trim() : '');
  for (const c of REQUIRED) if (get(c) === '') return { line, reason: 'missing', detail: c };
  const cf: CodiceFiscaleResult = validateCodiceFiscale(get('codice_fiscale'));
  if (!cf.ok) return { line, reason: 'codice_fiscale', detail: cf.error };
  const birthDate = get('data_nascita');
  if (!isIsoDate(birthDate)) return { line, reason: 'date', detail: 'data_nascita' };
  const sex = get('sesso').toUpperCase();
  if (sex !== 'M' && sex !== 'F') return { line, reason: 'sex' };
  // The code carries the birth date (two-digit year) and sex: they must agree.
  if (cf.sex !== sex || cf.birthDate.slice(2) !== birthDate.slice(2)) return { line, reason: 'codice_fiscale_mismatch' };
  const circoscrizione = parseCircoscrizione(get('circoscrizione'));
  if (circoscrizione === null) return { line, reason: 'circoscrizione', detail: get('circoscrizione') };
  const changedOn = get('data_variazione') || null;
  if (changedOn !== null && !isIsoDate(changedOn)) return { line, reason: 'date', detail: 'data_variazione' };
  return {
    line,
    codiceFiscale: cf.value,
    familyName: get('cognome'),
    givenName: get('nome'),
    birthDate,
    sex,
    address: get('indirizzo').replace(/\s+/g, ' '),
    circoscrizione,
    householdId: get('codice_famiglia') || null,
    changedOn,
  };
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface ImportOptions {
  /** Import even when a file with the same SHA-256 was imported before. */
  force?: boolean;
  batchSize?: number;
  now?: () => Date;
}

type Tx = <T>(fn: () => T) => T;

const TRANSFERABLE: readonly string[] = ['INVIATA', 'PROTOCOLLATA', 'ASSEGNATA'];

export class AnagrafeError extends Error {
  constructor(readonly code: 'not_found' | 'already_resolved' | 'not_transferable') {
    super(code);
  }
}

export function createAnagrafeService(repos: Repositories, transaction: Tx, onCommitted: (recorder: ChangeRecorder) => void = () => {}) {
  const audit = createAuditTrail(repos.audit);
  /** Applies one checked row; returns what it did. Runs inside the batch's transaction. */
  function applyRow(row: ParsedRow, importId: string, at: string, changes: ChangeRecorder, report: ImportReport, resent: Set<string>): void {
    const person = repos.anagrafe.findPerson(row.codiceFiscale);
    if (!person) {
      repos.persons.insert({
        id: uuidv7(),
        codiceFiscale: row.codiceFiscale,
        givenName: row.givenName,
        familyName: row.familyName,
        birthDate: row.birthDate,
        sex: row.sex,
        phone: null,
        circoscrizione: row.circoscrizione,
        address: row.address,
        householdId: row.householdId,
        registryUpdatedOn: row.changedOn,
        createdAt: at,
      });
      report.created++;
      return;
    }
    // An older variation than the one already applied does not undo it.
    if (row.changedOn && person.registryUpdatedOn && row.changedOn < person.registryUpdatedOn) {
      report.unchanged++;
      return;
    }
    const diffs: { field: string; oldValue: string | null; newValue: string | null }[] = [];
    if (person.address !== row.address) diffs.push({ field: 'address', oldValue: person.address, newValue: row.address });
    if (person.circoscrizione !== row.circoscrizione)
      diffs.push({ field: 'circoscrizione', oldValue: String(person.circoscrizione), newValue: String(row.circoscrizione) });
    // An empty codice_famiglia means "not given", never "left the household".
    if (row.householdId !== null && person.householdId !== row.householdId)
      diffs.push({ field: 'household_id', oldValue: person.householdId, newValue: row.householdId });
    if (diffs.length === 0) {
      report.unchanged++;
      return;
    }
    const next: RegistryPerson = {
      id: person.id,
      circoscrizione: row.circoscrizione,
      address: row.address,
      householdId: row.householdId ?? person.householdId,
      registryUpdatedOn: row.changedOn ?? person.registryUpdatedOn,
    };
    repos.anagrafe.updatePerson(next);
    for (const d of diffs) {
      repos.anagrafe.appendHistory({ personId: person.id, ...d, importId, line: row.line, changedOn: row.changedOn, recordedAt: at });
      report.historyRows++;
    }
    report.updated++;
    const moved = person.circoscrizione !== row.circoscrizione;
    for (const dossier of repos.anagrafe.openDossiersOf(person.id)) {
      if (moved && dossier.circoscrizione !== row.circoscrizione) {
        repos.anagrafe.insertFlag({
          id: uuidv7(),
          dossierId: dossier.id,
          officeId: dossier.officeId,
          kind: 'moved',
          detail: JSON.stringify({ from: person.circoscrizione, to: row.circoscrizione, address: row.address, line: row.line }),
          importId,
          createdAt: at,
        });
        report.flagged++;
      }
      if (!resent.has(dossier.id)) {
        resent.add(dossier.id);
        changes.put('dossier', dossier.id, { officeId: dossier.officeId, associationId: dossier.associationId, personId: person.id }, at);
        report.dossiersResent++;
      }
    }
  }

  return {
    async importFile(file: string, options: ImportOptions = {}): Promise<ImportReport> {
      const now = options.now ?? (() => new Date());
      const batchSize = options.batchSize ?? 2000;
      const sha256 = await sha256File(file);
      const report: ImportReport = {
        importId: null,
        sha256,
        alreadyImportedAt: null,
        rows: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        historyRows: 0,
        flagged: 0,
        dossiersResent: 0,
        errors: [],
        fileError: null,
      };
      const previous = repos.anagrafe.findImportBySha(sha256);
      if (previous) {
        report.alreadyImportedAt = previous.finishedAt ?? previous.startedAt;
        if (!options.force) return report;
      }
      const importId = uuidv7();
      report.importId = importId;
      repos.anagrafe.insertImport({ id: importId, sha256, fileName: path.basename(file), startedAt: now().toISOString() });

      const parser = fs.createReadStream(file).pipe(
        parse({ delimiter: ';', bom: true, info: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: false }),
      );
      let at: Record<AnagrafeColumn, number> | null = null;
      let width = 0;
      let batch: ParsedRow[] = [];
      const resent = new Set<string>();
      const flush = () => {
        if (batch.length === 0) return;
        const rows = batch;
        batch = [];
        const changes = new ChangeRecorder(repos.sync);
        const stamp = now().toISOString();
        transaction(() => {
          for (const row of rows) applyRow(row, importId, stamp, changes, report, resent);
        });
        if (changes.touched.length) onCommitted(changes);
      };
      for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        const { record, info } = item;
        if (!at) {
          const header = record.map((h) => h.trim().toLowerCase());
          const missing = REQUIRED.filter((c) => !header.includes(c));
          if (missing.length) {
            report.fileError = `intestazione: mancano le colonne ${missing.join(', ')}`;
            parser.destroy();
            break;
          }
          at = Object.fromEntries(ANAGRAFE_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<AnagrafeColumn, number>;
          width = header.length;
          continue;
        }
        report.rows++;
        const parsed = parseAnagrafeRow(record, at, width, info.lines);
        if ('reason' in parsed) {
          report.rejected++;
          report.errors.push(parsed);
          continue;
        }
        batch.push(parsed);
        if (batch.length >= batchSize) flush();
      }
      if (!at && !report.fileError) report.fileError = 'file vuoto: manca la riga di intestazione';
      flush();
      repos.anagrafe.finishImport(importId, {
        finishedAt: now().toISOString(),
        rows: report.rows,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
      });
      return report;
    },
    /**
     * The one-click transfer: the flagged dossier goes to the office of the person's
     * circoscrizione now. Only before the assessment starts (INVIATA, PROTOCOLLATA,
     * ASSEGNATA); the assignment is cleared, and the new office's head assigns it. Both
     * offices' devices learn it through pull (the old one as a deletion).
     */
    transfer(user: { id: string; officeId: string | null; role: Role }, flagId: string, now = new Date().toISOString()): { dossierId: string; officeId: string } {
      const changes = new ChangeRecorder(repos.sync);
      const result = transaction(() => {
        const flag = repos.anagrafe.flagById(flagId);
        if (!flag || flag.officeId !== user.officeId) throw new AnagrafeError('not_found');
        if (flag.resolvedAt) throw new AnagrafeError('already_resolved');
        const dossier = repos.dossiers.findById(flag.dossierId);
        if (!dossier || dossier.officeId !== flag.officeId) throw new AnagrafeError('not_found');
        if (!TRANSFERABLE.includes(dossier.status)) throw new AnagrafeError('not_transferable');
        const circoscrizione = repos.anagrafe.personCircoscrizione(dossier.personId);
        if (circoscrizione === undefined || circoscrizione === dossier.circoscrizione) throw new AnagrafeError('not_transferable');
        const office = officeForCircoscrizione(circoscrizione);
        repos.anagrafe.moveDossier(dossier.id, circoscrizione, office.id, now);
        // The reports' statistics follow the dossier to its new office.
        refreshMovedDossier(repos, dossier.id);
        repos.anagrafe.resolveFlags(dossier.id, user.id, now);
        // The move of a dossier between offices is a change of who handles it: audited.
        audit.append({
          at: now,
          actor: user,
          dossierId: dossier.id,
          section: 'assignment',
          action: 'change',
          purpose: 'transfer',
          note: `${dossier.officeId}->${office.id}`,
        });
        const scope = { associationId: dossier.associationId, personId: dossier.personId };
        changes.put('dossier', dossier.id, { ...scope, officeId: dossier.officeId }, now);
        changes.put('dossier', dossier.id, { ...scope, officeId: office.id }, now);
        return { dossierId: dossier.id, officeId: office.id };
      });
      onCommitted(changes);
      return result;
    },
    /** Closes a flag without moving the dossier (the head decided it stays). */
    dismiss(user: { id: string; officeId: string | null }, flagId: string, now = new Date().toISOString()): void {
      const flag = repos.anagrafe.flagById(flagId);
      if (!flag || flag.officeId !== user.officeId) throw new AnagrafeError('not_found');
      if (flag.resolvedAt) throw new AnagrafeError('already_resolved');
      repos.anagrafe.resolveFlags(flag.dossierId, user.id, now);
    },
    /** The open flags of the caller's office (head of procedure). */
    openFlags(officeId: string) {
      return repos.anagrafe.openFlags(officeId).map((f) => ({ ...f, detail: JSON.parse(f.detail) as Record<string, unknown> }));
    },
  };
}
export type AnagrafeService = ReturnType<typeof createAnagrafeService>;

