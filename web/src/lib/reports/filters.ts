/**
 * The dashboard's filters in the URL (Italian keys, like the queue's): dal, al (YYYY-MM),
 * servizio, ufficio, circoscrizione. Checked here so a bad link shows a clear error
 * instead of an empty page; the server checks them again.
 */
import { CIRCOSCRIZIONI, findService, OFFICES } from '@icaro/domain';

export interface DashboardInput {
  from?: string;
  to?: string;
  service?: string;
  office?: string;
  circoscrizione?: number;
}

export interface FilterError {
  field: 'dal' | 'al';
  code: 'month' | 'period';
}

export interface Filters {
  raw: { dal: string | null; al: string | null };
  input: DashboardInput;
  errors: FilterError[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const MAX_PERIOD_MONTHS = 36;

function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
}

export function readFilters(params: URLSearchParams): Filters {
  const dal = params.get('dal') || null;
  const al = params.get('al') || null;
  const errors: FilterError[] = [];
  if (dal && !MONTH.test(dal)) errors.push({ field: 'dal', code: 'month' });
  if (al && !MONTH.test(al)) errors.push({ field: 'al', code: 'month' });
  if (errors.length === 0 && dal && al && (monthIndex(dal) > monthIndex(al) || monthIndex(al) - monthIndex(dal) >= MAX_PERIOD_MONTHS)) {
    errors.push({ field: 'dal', code: 'period' });
  }
  const service = params.get('servizio');
  const office = params.get('ufficio');
  const circ = Number(params.get('circoscrizione'));
  const input: DashboardInput = {};
  if (dal && MONTH.test(dal)) input.from = dal;
  if (al && MONTH.test(al)) input.to = al;
  // Unknown keys from a hand-edited link are dropped, not sent.
  if (service && findService(service)) input.service = service;
  if (office && OFFICES.some((o) => o.id === office)) input.office = office;
  if (CIRCOSCRIZIONI.some((c) => c.number === circ)) input.circoscrizione = circ;
  return { raw: { dal, al }, input, errors };
}

export function toInput(f: Filters): DashboardInput {
  return f.input;
}
