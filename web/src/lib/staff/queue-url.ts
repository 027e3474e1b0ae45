/**
 * The office queue's filters and page live in the URL, so reload, back and forward
 * keep them, and a filtered queue can be shared between colleagues. Italian keys,
 * since staff read them: cerca, stato, servizio, circoscrizione, assegnata, scadenza,
 * dopo (the cursor: "<due date or ->_<id>").
 * No personal data is put in the URL except what the user typed in the search box.
 */
import { queueQuerySchema, type QueueCursor, type QueueQuery } from '@icaro/sync';

const KEYS = {
  search: 'cerca',
  state: 'stato',
  service: 'servizio',
  circoscrizione: 'circoscrizione',
  assignee: 'assegnata',
  risk: 'scadenza',
  after: 'dopo',
} as const satisfies Partial<Record<keyof QueueQuery, string>>;

const RISK_WORDS = { on_time: 'in-tempo', warning: 'in-scadenza', overdue: 'scaduta' } as const;

export function encodeCursor(c: QueueCursor): string {
  return `${c.due ?? '-'}_${c.id}`;
}

function decodeCursor(text: string): QueueCursor | undefined {
  const [due, id] = text.split('_');
  if (!due || !id) return undefined;
  return { due: due === '-' ? null : due, id };
}

/** The query a URL asks for; a value that does not validate is left out, not refused. */
export function queryFromUrl(params: URLSearchParams): QueueQuery {
  const get = (k: string) => params.get(k)?.trim() || undefined;
  const risk = Object.entries(RISK_WORDS).find(([, w]) => w === get(KEYS.risk))?.[0];
  const circoscrizione = Number(get(KEYS.circoscrizione));
  const candidate: Record<string, unknown> = {
    search: get(KEYS.search),
    state: get(KEYS.state),
    service: get(KEYS.service),
    circoscrizione: Number.isInteger(circoscrizione) && circoscrizione > 0 ? circoscrizione : undefined,
    assignee: get(KEYS.assignee) === 'nessuno' ? 'none' : get(KEYS.assignee),
    risk,
    after: get(KEYS.after) ? decodeCursor(get(KEYS.after)!) : undefined,
  };
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(candidate)) {
    if (value === undefined) continue;
    const one = queueQuerySchema.safeParse({ [key]: value });
    if (one.success) query[key] = (one.data as Record<string, unknown>)[key];
  }
  return query as QueueQuery;
}

/** The search part of a URL for a query ('' for the plain queue). */
export function urlForQuery(query: QueueQuery): string {
  const params = new URLSearchParams();
  if (query.search) params.set(KEYS.search, query.search);
  if (query.state && query.state !== 'open') params.set(KEYS.state, query.state);
  if (query.service) params.set(KEYS.service, query.service);
  if (query.circoscrizione) params.set(KEYS.circoscrizione, String(query.circoscrizione));
  if (query.assignee) params.set(KEYS.assignee, query.assignee === 'none' ? 'nessuno' : query.assignee);
  if (query.risk) params.set(KEYS.risk, RISK_WORDS[query.risk]);
  if (query.after) params.set(KEYS.after, encodeCursor(query.after));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** True when any filter (not the page) narrows the queue. */
export function isFiltered(query: QueueQuery): boolean {
  return Object.entries(query).some(([k, v]) => k !== 'after' && v !== undefined && !(k === 'state' && v === 'open'));
}
