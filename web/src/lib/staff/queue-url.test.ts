import { describe, expect, it } from 'vitest';
import type { QueueQuery } from '@icaro/sync';
import { isFiltered, queryFromUrl, urlForQuery } from './queue-url.ts';

const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('the queue URL', () => {
  it('round-trips every filter and the page cursor', () => {
    const queries: QueueQuery[] = [
      {},
      { search: 'rossi', state: 'ISTRUTTORIA', service: 'PA-POV-01', circoscrizione: 3, assignee: id, risk: 'warning' },
      { assignee: 'none', risk: 'overdue', after: { due: '2026-12-01', id } },
      { state: 'all', after: { due: null, id } },
    ];
    for (const q of queries) expect(queryFromUrl(new URLSearchParams(urlForQuery(q)))).toEqual(q);
  });

  it('leaves out what does not validate instead of failing', () => {
    const q = queryFromUrl(new URLSearchParams('stato=NONSENSE&circoscrizione=12&scadenza=presto&dopo=x&servizio=PA-POV-01&cerca=%20'));
    expect(q).toEqual({ service: 'PA-POV-01' });
  });

  it('the plain queue has an empty query string and no filter', () => {
    expect(urlForQuery({ state: 'open' })).toBe('');
    expect(isFiltered({ state: 'open', after: { due: null, id } })).toBe(false);
    expect(isFiltered({ risk: 'overdue' })).toBe(true);
  });
});
