/**
 * The albo of professionals (issue 6 §2): public applications, the office's review,
 * listings with an expiry, renewals, and the daily job that reminds and delists.
 *
 * Decisions:
 * - One row per codice fiscale. A rejected or lapsed professional applies again through
 *   the same public form, which reuses the row (their history stays).
 * - The applicant has no account until approval. The application gives a follow-up code
 *   (12 characters, about 60 bits, shown once and e-mailed, stored as SHA-256) to see the
 *   state and answer a request for more.
 * - On approval the professional gets an account (role `professional`) tied to a person
 *   (found by codice fiscale, or made from it), and signs in like a citizen: codice
 *   fiscale and a one-time code, sent to the address of the application.
 * - A renewal is asked for by the listed professional and reviewed again; its approval
 *   extends the listing by ALBO_LISTING_MONTHS from the day after the current last day
 *   (or from today, if it already lapsed). A refused renewal leaves the listing to run out.
 * - A lapsed listing is delisted by the daily job; that ends the professional's mediations
 *   (their devices are told to delete the dossiers) and takes them out of the directory.
 */
import crypto from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import {
  ALBO_PUBLISHABLE,
  ALBO_REMINDER_DAYS,
  CIRCOSCRIZIONE_NUMBERS,
  USER_AREAS,
  alboExpiry,
  alboLapsed,
  isAlboLanguage,
  palermoDay,
  publicProfessional,
  validateAlboApplication,
  validateCodiceFiscale,
  type AlboApplicationInput,
  type AlboField,
  type AlboFieldError,
  type AlboLanguage,
  type AlboPublishable,
  type AlboStatus,
  type AttachmentMime,
  type PublicProfessional,
  type Role,
  type UserArea,
} from '@icaro/domain';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Notifier } from '../notify/notifier.ts';
import { alboMessage, type AlboMessageKind } from '../notify/albo-messages.ts';
import type { ProfessionalRow } from '../repositories/albo.repo.ts';
import type { Repositories } from '../repositories/index.ts';
import { toSessionUser, type SessionUser } from './auth.service.ts';
import { createAuditTrail } from './audit.service.ts';
import { ChangeRecorder } from './changes.ts';
import { LoginThrottle } from './login-throttle.ts';
import type { PokeHub } from './pokes.ts';

export type AlboErrorCode =
  'not_found' | 'invalid' | 'already_applied' | 'invalid_code' | 'wrong_state' | 'reason_required' | 'rate_limited';

export class AlboError extends Error {
  constructor(
    readonly code: AlboErrorCode,
    readonly fields: Partial<Record<AlboField, AlboFieldError>> = {},
  ) {
    super(code);
  }
}

export interface AlboDocumentView {
  id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  addedAt: string;
  /** All its bytes have arrived and were checked; until then it is "in arrivo". */
  received: boolean;
}

export interface AlboEventView {
  at: string;
  kind: string;
  note: string | null;
}

/** What the applicant sees with their follow-up code, and the professional on their home. */
export interface AlboApplicantView {
  id: string;
  status: AlboStatus;
  name: string;
  submittedAt: string;
  reviewNote: string | null;
  expiresOn: string | null;
  renewalRequested: boolean;
  /** The window in which a renewal makes sense: the reminder has gone out, or could. */
  canRenew: boolean;
  events: AlboEventView[];
  documents: AlboDocumentView[];
}

/** The office's view of an application: everything the applicant gave. */
export interface AlboReviewView extends AlboApplicantView {
  codiceFiscale: string;
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  qualification: string;
  professionalOrder: string;
  registrationNumber: string;
  description: string;
  userAreas: UserArea[];
  languages: AlboLanguage[];
  circoscrizioni: number[];
  associations: { id: string; name: string }[];
  publish: AlboPublishable[];
  applicantNote: string | null;
}

export interface AlboListItem {
  id: string;
  status: AlboStatus;
  name: string;
  qualification: string;
  submittedAt: string;
  expiresOn: string | null;
  renewalRequested: boolean;
}

/** A listed professional as staff pick a mediator: the listing, not the public cut. */
export interface MediatorCandidate {
  id: string;
  name: string;
  qualification: string;
  languages: AlboLanguage[];
  userAreas: UserArea[];
  circoscrizioni: number[];
}

export interface AlboDocumentInput {
  sha256: string;
  name: string;
  mime: string;
  size: number;
}

/** Applications accepted from one address per hour (a desk may help several professionals). */
export const APPLY_PER_IP = 20;

/** A password hash no password verifies against: these accounts sign in by code only. */
const NO_PASSWORD = '!code-login-only';
const SYSTEM_ACTOR = { id: 'system:albo', role: 'admin' as Role };

function hashCode(code: string): string {
  return crypto.createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('base64url');
}

/** 12 characters from an alphabet without look-alikes (0/O, 1/I): about 60 bits. */
function newCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const chars = [...crypto.randomBytes(12)].map((b) => alphabet[b % alphabet.length]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

function list<T>(json: string, keep: (v: unknown) => v is T): T[] {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter(keep) : [];
}
const isArea = (v: unknown): v is UserArea => (USER_AREAS as readonly unknown[]).includes(v);
const isCircoscrizione = (v: unknown): v is number => (CIRCOSCRIZIONE_NUMBERS as readonly unknown[]).includes(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isPublishable = (v: unknown): v is AlboPublishable => (ALBO_PUBLISHABLE as readonly unknown[]).includes(v);

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function createAlboService(deps: {
  db: Db;
  repos: Repositories;
  notifier: Notifier;
  pokes: PokeHub;
  log: Logger;
  now?: () => Date;
}) {
  const { db, repos, notifier, pokes, log } = deps;
  const now = deps.now ?? (() => new Date());
  const trail = createAuditTrail(repos.audit);
  const tx = <T>(fn: () => T): T => db.$client.transaction(fn)();
  // Applying is public and writes rows: at most APPLY_PER_IP an hour from one address.
  const applications = new LoginThrottle(3_600_000, Number.MAX_SAFE_INTEGER, APPLY_PER_IP);

  function event(p: ProfessionalRow, kind: string, at: string, actorId: string | null, note: string | null = null): void {
    repos.albo.addEvent({ id: uuidv7(), professionalId: p.id, at, kind, actorId, note });
  }

  /** Every step of the review goes to the audit trail; the subject is the application's id. */
  function audit(p: ProfessionalRow, actor: { id: string; role: Role }, at: string, note: string): void {
    trail.append({ at, actor, dossierId: p.id, section: 'albo', action: 'change', purpose: 'albo_review', note });
  }

  function send(p: ProfessionalRow, kind: AlboMessageKind, extra: { code?: string; note?: string | null } = {}): void {
    const message = alboMessage(kind, { name: `${p.givenName} ${p.familyName}`, expiresOn: p.expiresOn, ...extra });
    notifier
      .sendMessage({ kind: `albo.${kind}`, ref: p.id, displayName: `${p.givenName} ${p.familyName}`, email: p.email, ...message })
      .catch((error: unknown) => log.error('albo message not delivered', { professionalId: p.id, kind, reason: (error as Error).message }));
  }

  function associationNames(ids: readonly string[]): { id: string; name: string }[] {
    return ids.flatMap((id) => {
      const a = repos.associations.findById(id);
      return a ? [{ id: a.id, name: a.name }] : [];
    });
  }

  function applicantView(p: ProfessionalRow): AlboApplicantView {
    const today = palermoDay(now().toISOString());
    return {
      id: p.id,
      status: p.status as AlboStatus,
      name: `${p.givenName} ${p.familyName}`,
      submittedAt: p.submittedAt,
      reviewNote: p.reviewNote,
      expiresOn: p.expiresOn,
      renewalRequested: p.renewalRequestedAt !== null,
      canRenew:
        p.status === 'listed' && p.renewalRequestedAt === null && !!p.expiresOn && addDays(today, ALBO_REMINDER_DAYS) >= p.expiresOn,
      events: repos.albo.events(p.id).map((e) => ({ at: e.at, kind: e.kind, note: e.note })),
      documents: repos.albo
        .documents(p.id)
        .map(({ professionalId: _p, ...d }) => ({ ...d, received: !!p.userId && repos.attachments.hasUploaded(d.sha256, p.userId) })),
    };
  }

  function reviewView(p: ProfessionalRow): AlboReviewView {
    return {
      ...applicantView(p),
      codiceFiscale: p.codiceFiscale,
      givenName: p.givenName,
      familyName: p.familyName,
      email: p.email,
      phone: p.phone,
      qualification: p.qualification,
      professionalOrder: p.professionalOrder,
      registrationNumber: p.registrationNumber,
      description: p.description,
      userAreas: list(p.userAreas, isArea),
      languages: list(p.languages, isAlboLanguage),
      circoscrizioni: list(p.circoscrizioni, isCircoscrizione),
      associations: associationNames(list(p.associationIds, isString)),
      publish: list(p.publish, isPublishable),
      applicantNote: p.applicantNote,
    };
  }

  function addDocuments(p: ProfessionalRow, documents: readonly AlboDocumentInput[], at: string): void {
    const known = new Set(repos.albo.documents(p.id).map((d) => d.sha256));
    for (const d of documents) {
      if (known.has(d.sha256)) continue;
      known.add(d.sha256);
      repos.albo.addDocument({
        id: uuidv7(),
        professionalId: p.id,
        sha256: d.sha256,
        name: d.name,
        mime: d.mime,
        size: d.size,
        addedAt: at,
      });
    }
  }

  function found(id: string): ProfessionalRow {
    const p = repos.albo.findById(id);
    if (!p) throw new AlboError('not_found');
    return p;
  }

  /** The person and the `professional` account of an approved applicant, made once. */
  function ensureAccount(p: ProfessionalRow, at: string): { userId: string; personId: string } {
    let person = repos.persons.findByCodiceFiscale(p.codiceFiscale);
    if (!person) {
      const cf = validateCodiceFiscale(p.codiceFiscale);
      if (!cf.ok) throw new AlboError('invalid');
      repos.persons.insert({
        id: uuidv7(),
        codiceFiscale: cf.value,
        givenName: p.givenName,
        familyName: p.familyName,
        birthDate: cf.birthDate,
        sex: cf.sex,
        phone: p.phone,
        email: p.email,
        circoscrizione: list(p.circoscrizioni, isCircoscrizione)[0] ?? 1,
        createdAt: at,
      });
      person = repos.persons.findByCodiceFiscale(cf.value)!;
    }
    if (p.userId) {
      // The application's own account (made for its uploads), opened now.
      repos.albo.openAccount(p.userId, person.id, `${p.givenName} ${p.familyName}`);
      return { userId: p.userId, personId: person.id };
    }
    const userId = uuidv7();
    repos.users.insert({
      id: userId,
      username: `professionista.${userId}`,
      passwordHash: NO_PASSWORD,
      displayName: `${p.givenName} ${p.familyName}`,
      role: 'professional',
      personId: person.id,
      createdAt: at,
    });
    return { userId, personId: person.id };
  }

  /** Ends a professional's open mediations; each device concerned is told to delete the dossier. */
  function endMediations(p: ProfessionalRow, by: { id: string; role: Role }, at: string, recorder: ChangeRecorder): void {
    for (const m of repos.albo.openMediatorsOfProfessional(p.id)) {
      repos.albo.endMediator(m.id, by.id, at);
      recorder.put('dossier', m.dossierId, { officeId: null, associationId: null, personId: null, userId: m.userId }, at);
      trail.append({
        at,
        actor: by,
        dossierId: m.dossierId,
        section: 'mediator',
        action: 'change',
        purpose: 'mediator',
        note: `removed ${p.id} (delisted)`,
      });
    }
  }

  return {
    /** A public application. Checks every field with the domain's rule and refuses with all errors at once. */
    apply(input: AlboApplicationInput & { documents: AlboDocumentInput[] }, ip = 'local'): { applicationId: string; accessCode: string } {
      const t = now().getTime();
      if (applications.retryAfter('', ip, t) > 0) throw new AlboError('rate_limited');
      applications.recordFailure('', ip, t);
      const errors = validateAlboApplication(input);
      const approved = new Set(
        repos.associations
          .all()
          .filter((a) => a.approved)
          .map((a) => a.id),
      );
      if (!input.associationIds.every((id) => approved.has(id))) errors.associationIds = 'invalid';
      if (Object.keys(errors).length > 0) throw new AlboError('invalid', errors);
      const cf = validateCodiceFiscale(input.codiceFiscale);
      if (!cf.ok) throw new AlboError('invalid', { codiceFiscale: 'codice_fiscale' });
      const at = now().toISOString();
      const accessCode = newCode();
      const fields = {
        status: 'pending',
        givenName: input.givenName.trim(),
        familyName: input.familyName.trim(),
        email: input.email.trim(),
        phone: input.phone.trim(),
        qualification: input.qualification.trim(),
        professionalOrder: input.professionalOrder.trim(),
        registrationNumber: input.registrationNumber.trim(),
        description: input.description.trim(),
        userAreas: JSON.stringify([...new Set(input.userAreas)]),
        languages: JSON.stringify([...new Set(input.languages)]),
        circoscrizioni: JSON.stringify([...new Set(input.circoscrizioni)].sort()),
        associationIds: JSON.stringify([...new Set(input.associationIds)]),
        publish: JSON.stringify([...new Set(input.publish)]),
        accessCodeHash: hashCode(accessCode),
        submittedAt: at,
        reviewNote: null,
        reviewedAt: null,
        reviewedBy: null,
        applicantNote: null,
        renewalRequestedAt: null,
      } as const;
      const p = tx(() => {
        const existing = repos.albo.findByCodiceFiscale(cf.value);
        if (existing && !['rejected', 'delisted'].includes(existing.status)) throw new AlboError('already_applied');
        const id = existing?.id ?? uuidv7();
        if (existing) repos.albo.update(id, { ...fields, expiresOn: null, listedAt: null, delistedAt: null, remindedFor: null });
        else repos.albo.insert({ id, codiceFiscale: cf.value, ...fields });
        const row = repos.albo.findById(id)!;
        addDocuments(row, input.documents, at);
        event(row, 'submitted', at, null);
        audit(row, { id: row.id, role: 'professional' }, at, existing ? `${existing.status}->pending` : 'new->pending');
        return row;
      });
      send(p, 'received', { code: accessCode });
      return { applicationId: p.id, accessCode };
    },

    /**
     * Who uploads an application's documents: the application's own account, made on the
     * first upload and inactive (it cannot sign in) until approval. Only while the office
     * reviews the application; undefined for a wrong code.
     */
    uploaderFor(code: string): SessionUser | undefined {
      const p = repos.albo.findByAccessCode(hashCode(code));
      if (!p || (p.status !== 'pending' && p.status !== 'info_requested')) return undefined;
      if (!p.userId) {
        const userId = uuidv7();
        tx(() => {
          repos.users.insert({
            id: userId,
            username: `professionista.${userId}`,
            passwordHash: NO_PASSWORD,
            displayName: `${p.givenName} ${p.familyName}`,
            role: 'professional',
            active: false,
            createdAt: now().toISOString(),
          });
          repos.albo.update(p.id, { userId });
        });
        p.userId = userId;
      }
      const user = repos.users.findById(p.userId);
      return user ? toSessionUser(user) : undefined;
    },

    /** A document of an application, for its reviewers: the stored file as its uploader reads it. */
    documentFile(
      applicationId: string,
      sha256: string,
      open: (uploader: SessionUser, sha256: string) => { path: string; size: number; mime: AttachmentMime } | undefined,
    ): { path: string; size: number; mime: AttachmentMime; name: string } | undefined {
      const p = repos.albo.findById(applicationId);
      const doc = p ? repos.albo.documents(p.id).find((d) => d.sha256 === sha256) : undefined;
      const user = p?.userId ? repos.users.findById(p.userId) : undefined;
      const file = doc && user ? open(toSessionUser(user), sha256) : undefined;
      return file && doc ? { path: file.path, size: file.size, mime: file.mime, name: doc.name } : undefined;
    },

    /** The applicant's view, with the follow-up code. A wrong code is `invalid_code`, whatever the reason. */
    byAccessCode(code: string): AlboApplicantView {
      const p = repos.albo.findByAccessCode(hashCode(code));
      if (!p) throw new AlboError('invalid_code');
      return applicantView(p);
    },

    /** The applicant answers a request for more: a note and further documents; back to the office. */
    answer(code: string, note: string, documents: AlboDocumentInput[]): AlboApplicantView {
      const at = now().toISOString();
      const p = tx(() => {
        const row = repos.albo.findByAccessCode(hashCode(code));
        if (!row) throw new AlboError('invalid_code');
        if (row.status !== 'info_requested') throw new AlboError('wrong_state');
        if (!note.trim() && documents.length === 0) throw new AlboError('invalid', { description: 'required' });
        repos.albo.update(row.id, { status: 'pending', applicantNote: note.trim() || null });
        addDocuments(row, documents, at);
        event(row, 'answered', at, null, note.trim() || null);
        audit(row, { id: row.id, role: 'professional' }, at, 'info_requested->pending');
        return repos.albo.findById(row.id)!;
      });
      return applicantView(p);
    },

    /** The office's list: what waits for review first, then the listings. */
    applications(): AlboListItem[] {
      const order: Record<string, number> = { pending: 0, info_requested: 1, listed: 2, rejected: 3, delisted: 4 };
      return repos.albo
        .byStatus(['pending', 'info_requested', 'listed', 'rejected', 'delisted'])
        .map((p) => ({
          id: p.id,
          status: p.status as AlboStatus,
          name: `${p.givenName} ${p.familyName}`,
          qualification: p.qualification,
          submittedAt: p.renewalRequestedAt ?? p.submittedAt,
          expiresOn: p.expiresOn,
          renewalRequested: p.renewalRequestedAt !== null,
        }))
        .sort((a, b) => {
          const wa = a.renewalRequested ? 0 : (order[a.status] ?? 9);
          const wb = b.renewalRequested ? 0 : (order[b.status] ?? 9);
          return wa - wb || a.submittedAt.localeCompare(b.submittedAt);
        });
    },

    application(id: string): AlboReviewView {
      return reviewView(found(id));
    },

    /** Approves an application or a renewal. A new listing runs ALBO_LISTING_MONTHS from today. */
    approve(user: SessionUser, id: string, note: string | undefined): AlboReviewView {
      const at = now().toISOString();
      const today = palermoDay(at);
      const p = tx(() => {
        const row = found(id);
        const renewal = row.renewalRequestedAt !== null && (row.status === 'listed' || row.status === 'delisted');
        if (!renewal && row.status !== 'pending' && row.status !== 'info_requested') throw new AlboError('wrong_state');
        const from = renewal && row.status === 'listed' && row.expiresOn && row.expiresOn >= today ? addDays(row.expiresOn, 1) : today;
        const account = ensureAccount(row, at);
        repos.albo.update(row.id, {
          status: 'listed',
          listedAt: renewal && row.status === 'listed' ? row.listedAt : at,
          expiresOn: alboExpiry(from),
          renewalRequestedAt: null,
          delistedAt: null,
          reviewNote: note?.trim() || null,
          reviewedAt: at,
          reviewedBy: user.id,
          userId: account.userId,
          personId: account.personId,
        });
        event(row, renewal ? 'renewed' : 'approved', at, user.id, note?.trim() || null);
        audit(row, user, at, `${row.status}->listed${renewal ? ' (renewal)' : ''}`);
        return repos.albo.findById(row.id)!;
      });
      send(p, 'approved');
      return reviewView(p);
    },

    /** Rejects with a reason. On a renewal the listing stays until its last day. */
    reject(user: SessionUser, id: string, reason: string): AlboReviewView {
      if (!reason.trim()) throw new AlboError('reason_required');
      const at = now().toISOString();
      const p = tx(() => {
        const row = found(id);
        const renewal = row.renewalRequestedAt !== null && (row.status === 'listed' || row.status === 'delisted');
        if (!renewal && row.status !== 'pending' && row.status !== 'info_requested') throw new AlboError('wrong_state');
        repos.albo.update(row.id, {
          status: renewal ? row.status : 'rejected',
          renewalRequestedAt: null,
          reviewNote: reason.trim(),
          reviewedAt: at,
          reviewedBy: user.id,
        });
        event(row, renewal ? 'renewal_rejected' : 'rejected', at, user.id, reason.trim());
        audit(row, user, at, renewal ? 'renewal rejected' : `${row.status}->rejected`);
        return repos.albo.findById(row.id)!;
      });
      send(p, 'rejected', { note: reason.trim() });
      return reviewView(p);
    },

    /** Asks the applicant for more: what is missing, in words. */
    askMore(user: SessionUser, id: string, note: string): AlboReviewView {
      if (!note.trim()) throw new AlboError('reason_required');
      const at = now().toISOString();
      const p = tx(() => {
        const row = found(id);
        if (row.status !== 'pending') throw new AlboError('wrong_state');
        repos.albo.update(row.id, { status: 'info_requested', reviewNote: note.trim(), reviewedAt: at, reviewedBy: user.id });
        event(row, 'info_requested', at, user.id, note.trim());
        audit(row, user, at, 'pending->info_requested');
        return repos.albo.findById(row.id)!;
      });
      send(p, 'info_requested', { note: note.trim() });
      return reviewView(p);
    },

    /** The professional's own listing and the dossiers they mediate on. */
    mine(user: SessionUser): { listing: AlboApplicantView | null; dossiers: ReturnType<Repositories['albo']['mediatedDossiers']> } {
      const p = repos.albo.findByUserId(user.id);
      return { listing: p ? applicantView(p) : null, dossiers: p?.status === 'listed' ? repos.albo.mediatedDossiers(user.id) : [] };
    },

    /** A listed professional asks to renew; the office reviews it like an application. */
    renew(user: SessionUser): AlboApplicantView {
      const at = now().toISOString();
      const p = tx(() => {
        const row = repos.albo.findByUserId(user.id);
        if (!row) throw new AlboError('not_found');
        if (row.status !== 'listed' || row.renewalRequestedAt) throw new AlboError('wrong_state');
        repos.albo.update(row.id, { renewalRequestedAt: at });
        event(row, 'renewal_requested', at, user.id);
        audit(row, user, at, 'renewal requested');
        return repos.albo.findById(row.id)!;
      });
      return applicantView(p);
    },

    /** The public directory's professionals: listed only, and only what each agreed to publish. */
    directory(): PublicProfessional[] {
      const today = palermoDay(now().toISOString());
      return repos.albo
        .byStatus(['listed'])
        .filter((p) => p.expiresOn && !alboLapsed(p.expiresOn, today))
        .map((p) =>
          publicProfessional({
            id: p.id,
            givenName: p.givenName,
            familyName: p.familyName,
            qualification: p.qualification,
            professionalOrder: p.professionalOrder,
            registrationNumber: p.registrationNumber,
            description: p.description,
            expiresOn: p.expiresOn!,
            email: p.email,
            phone: p.phone,
            languages: list(p.languages, isAlboLanguage),
            userAreas: list(p.userAreas, isArea),
            circoscrizioni: list(p.circoscrizioni, isCircoscrizione),
            associations: associationNames(list(p.associationIds, isString))
              .filter((a) => repos.associations.findById(a.id)?.approved)
              .map((a) => a.name),
            publish: list(p.publish, isPublishable),
          }),
        )
        .sort((a, b) => a.name.localeCompare(b.name, 'it'));
    },

    /** Staff choosing a mediator: listed professionals with their working data. */
    candidates(): MediatorCandidate[] {
      return repos.albo
        .byStatus(['listed'])
        .map((p) => ({
          id: p.id,
          name: `${p.givenName} ${p.familyName}`,
          qualification: p.qualification,
          languages: list(p.languages, isAlboLanguage),
          userAreas: list(p.userAreas, isArea),
          circoscrizioni: list(p.circoscrizioni, isCircoscrizione),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'it'));
    },

    /**
     * The daily job: reminds listings ALBO_REMINDER_DAYS before their last day (once per
     * listing period, `reminded_for`), and delists lapsed ones. Idempotent: running it
     * twice on a day does nothing the second time.
     */
    runDaily(): { reminded: number; delisted: number } {
      const at = now().toISOString();
      const today = palermoDay(at);
      let reminded = 0;
      let delisted = 0;
      for (const p of repos.albo.listedEndingBy(addDays(today, ALBO_REMINDER_DAYS))) {
        if (!p.expiresOn) continue;
        if (alboLapsed(p.expiresOn, today)) {
          const recorder = new ChangeRecorder(repos.sync);
          tx(() => {
            const row = found(p.id);
            if (row.status !== 'listed') return;
            repos.albo.update(row.id, { status: 'delisted', delistedAt: at, renewalRequestedAt: null });
            endMediations(row, SYSTEM_ACTOR, at, recorder);
            event(row, 'delisted', at, null);
            audit(row, SYSTEM_ACTOR, at, 'listed->delisted (lapsed)');
          });
          if (recorder.touched.length > 0) pokes.notify(recorder.touched);
          send(p, 'delisted');
          delisted++;
        } else if (p.remindedFor !== p.expiresOn) {
          tx(() => {
            repos.albo.update(p.id, { remindedFor: p.expiresOn });
            event(p, 'reminded', at, null, p.expiresOn);
          });
          send(p, 'reminder');
          reminded++;
        }
      }
      if (reminded + delisted > 0) log.info('albo daily job', { reminded, delisted });
      return { reminded, delisted };
    },

    /** Runs the daily job now and then every `intervalMs`; returns the stop function. */
    startDailyJob(intervalMs = 3_600_000): () => void {
      const run = () => {
        try {
          this.runDaily();
        } catch (error) {
          log.error('albo daily job failed', { error: String(error) });
        }
      };
      run();
      const timer = setInterval(run, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
export type AlboService = ReturnType<typeof createAlboService>;
