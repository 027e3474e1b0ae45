/**
 * The queue from the dossiers pulled to this device, for when the server cannot be
 * reached: the same filters and order as the server's queue (packages/sync/queue.ts),
 * over the office's dossiers that this device holds.
 */
import { FINAL_STATES, SUSPENDING_STATES } from '@icaro/domain';
import { deadlineRisk, type DossierView, type OfficerLoad, type QueueQuery, type QueueRow } from '@icaro/sync';

function matchesSearch(d: DossierView, text: string): boolean {
  const code = text.toUpperCase().replace(/\s+/g, '');
  if (d.reference === code || d.applicant.codiceFiscale === code) return true;
  const protocol = /^(?:PG\/)?(\d{4})\/(\d{1,6})$/.exec(code);
  if (protocol && d.protocolNumber === `PG/${protocol[1]}/${protocol[2]!.padStart(6, '0')}`) return true;
  if (/\d/.test(code)) return false;
  const name = ` ${d.applicant.givenName} ${d.applicant.familyName}`.toLowerCase();
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => name.includes(` ${w}`));
}

export function toQueueRow(d: DossierView, today: string): QueueRow {
  const suspended = SUSPENDING_STATES.includes(d.status);
  return {
    id: d.id,
    reference: d.reference,
    protocolNumber: d.protocolNumber,
    status: d.status,
    serviceCode: d.serviceCode,
    circoscrizione: d.circoscrizione,
    applicantName: `${d.applicant.givenName} ${d.applicant.familyName}`,
    assignedTo: d.assignedTo ?? null,
    assignedToName: d.assignedToName,
    receivedAt: d.receivedAt || d.submittedAt,
    dueDate: d.dueDate ?? null,
    warnDate: d.warnDate ?? null,
    risk: suspended ? null : deadlineRisk(d.dueDate, d.warnDate, today),
  };
}

/** Rows matching the query, by due date (undated last), then id: the server's order. */
export function localQueue(dossiers: readonly DossierView[], query: QueueQuery, today: string): QueueRow[] {
  const state = query.state ?? 'open';
  return dossiers
    .filter((d) => (state === 'open' ? !FINAL_STATES.includes(d.status) : state === 'all' || d.status === state))
    .filter((d) => !query.service || d.serviceCode === query.service)
    .filter((d) => !query.circoscrizione || d.circoscrizione === query.circoscrizione)
    .filter((d) => !query.assignee || (query.assignee === 'none' ? !d.assignedTo : d.assignedTo === query.assignee))
    .filter((d) => !query.search || matchesSearch(d, query.search))
    .map((d) => toQueueRow(d, today))
    .filter((r) => !query.risk || r.risk === query.risk)
    .sort((a, b) => {
      if (a.dueDate !== b.dueDate) return a.dueDate === null ? 1 : b.dueDate === null ? -1 : a.dueDate < b.dueDate ? -1 : 1;
      return a.id < b.id ? -1 : 1;
    });
}

/** The workload view from this device's dossiers: officers known from their assignments. */
export function localWorkload(dossiers: readonly DossierView[], today: string): OfficerLoad[] {
  const loads = new Map<string, OfficerLoad>();
  for (const d of dossiers) {
    if (!d.assignedTo || FINAL_STATES.includes(d.status)) continue;
    const load = loads.get(d.assignedTo) ?? { userId: d.assignedTo, name: d.assignedToName ?? '', open: 0, warning: 0, overdue: 0 };
    const risk = toQueueRow(d, today).risk;
    load.open += 1;
    if (risk === 'warning') load.warning += 1;
    if (risk === 'overdue') load.overdue += 1;
    loads.set(d.assignedTo, load);
  }
  return [...loads.values()].sort((a, b) => a.name.localeCompare(b.name));
}
