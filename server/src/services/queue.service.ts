/**
 * The office queue (issue 4 §1) and the workload view (§4): what an office's staff see,
 * filtered and paged on the server. Object-level access comes from scope.ts: a user
 * sees the queue of their own office and nothing else.
 */
import { REFERENCE_PREFIX, SUSPENDING_STATES, todayInPalermo, type DossierState } from '@icaro/domain';
import {
  QUEUE_PAGE_SIZE,
  deadlineRisk,
  type OfficerLoad,
  type QueuePage,
  type QueueQuery,
  type QueueRow,
} from '@icaro/sync';
import type { Repositories } from '../repositories/index.ts';
import type { QueueRecord, SearchKeys } from '../repositories/queue.repo.ts';
import type { SessionUser } from './auth.service.ts';
import { scopeOf } from './scope.ts';
import { dueDatesFor } from './due-dates.ts';

export function createQueueService(repos: Repositories, now: () => Date = () => new Date()) {
  function officeOf(user: SessionUser): string | null {
    const scope = scopeOf(user);
    return scope.kind === 'office' ? scope.officeId : null;
  }

  function toRow(r: QueueRecord, today: string): QueueRow {
    const suspended = SUSPENDING_STATES.includes(r.status as DossierState);
    return {
      id: r.id,
      reference: r.reference,
      protocolNumber: r.protocolNumber,
      status: r.status as DossierState,
      serviceCode: r.serviceCode,
      circoscrizione: r.circoscrizione,
      applicantName: `${r.givenName} ${r.familyName}`,
      assignedTo: r.assignedTo,
      assignedToName: r.assignedToName,
      receivedAt: r.receivedAt,
      dueDate: r.dueDate,
      warnDate: r.warnDate,
      risk: suspended ? null : deadlineRisk(r.dueDate, r.warnDate, today),
    };
  }

  return {
    list(user: SessionUser, query: QueueQuery): QueuePage {
      const today = todayInPalermo(now());
      const officeId = officeOf(user);
      if (!officeId) return { rows: [], total: 0, next: null, today };
      const limit = query.limit ?? QUEUE_PAGE_SIZE;
      const search = query.search ? searchKeys(query.search) : null;
      const records = repos.queue.page(officeId, query, today, search, limit + 1);
      const rows = records.slice(0, limit).map((r) => toRow(r, today));
      const last = rows[rows.length - 1];
      const next = records.length > limit && last ? { due: last.dueDate, id: last.id } : null;
      return { rows, total: repos.queue.count(officeId, query, today, search), next, today };
    },

    officers(user: SessionUser): { id: string; name: string }[] {
      const officeId = officeOf(user);
      return officeId ? repos.queue.officers(officeId) : [];
    },

    /** Every case officer of the office, with none left out for having no dossiers. */
    workload(user: SessionUser): { officers: OfficerLoad[]; today: string } {
      const today = todayInPalermo(now());
      const officeId = officeOf(user);
      if (!officeId) return { officers: [], today };
      const loads = new Map(repos.queue.workload(officeId, today).map((l) => [l.userId, l]));
      const officers = repos.queue.officers(officeId).map((o) => {
        const l = loads.get(o.id);
        return { userId: o.id, name: o.name, open: l?.open ?? 0, warning: l?.warning ?? 0, overdue: l?.overdue ?? 0 };
      });
      return { officers, today };
    },
  };
}
export type QueueService = ReturnType<typeof createQueueService>;

/**
 * One search box for four keys. Text with a digit, or "PA-…", is a code: a reference or a codice
 * fiscale, compared whole (upper case, no spaces), or a protocol number ("2026/42" and
 * "PG/2026/000042" are the same). Other text is words that begin the person's names.
 */
export function searchKeys(text: string): SearchKeys {
  const code = text.toUpperCase().replace(/\s+/g, '');
  const protocol = /^(?:PG\/)?(\d{4})\/(\d{1,6})$/.exec(code);
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 4);
  // References are base32 and may have no digit, but always start with their prefix.
  const looksLikeCode = /\d/.test(code) || code.startsWith(`${REFERENCE_PREFIX}-`);
  return {
    code,
    protocolNumber: protocol ? `PG/${protocol[1]}/${protocol[2]!.padStart(6, '0')}` : null,
    nameWords: looksLikeCode ? [] : words,
  };
}

/**
 * Keeps dossiers.due_date and warn_date equal to the domain's deadline. Called inside
 * the transaction of every status change, and at start-up for rows that have none yet
 * (a database migrated from before the columns existed, or a fresh seed).
 */
export function createDueDateKeeper(repos: Repositories) {
  function refresh(d: { id: string; serviceCode: string; serviceVersion: number }): void {
    const service = repos.catalogue.find(d.serviceCode, d.serviceVersion);
    if (!service) return;
    const { dueDate, warnDate } = dueDatesFor(repos.queue.events(d.id), service);
    repos.queue.setDueDates(d.id, dueDate, warnDate);
  }
  return {
    refresh,
    /** Fills missing due dates in batches; returns how many dossiers were computed. */
    backfill(transaction: <T>(fn: () => T) => T, batch = 2_000): number {
      let done = 0;
      for (let after = ''; ; ) {
        const list = repos.queue.missingDueDates(after, batch);
        if (list.length === 0) return done;
        transaction(() => list.forEach(refresh));
        done += list.length;
        after = list[list.length - 1]!.id;
      }
    },
  };
}
export type DueDateKeeper = ReturnType<typeof createDueDateKeeper>;
