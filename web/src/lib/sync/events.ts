/**
 * The server's data-free "poke" stream (GET /events). EventSource reconnects by itself
 * after a dropped connection, but gives up for good on an HTTP error (a 401 after the
 * session expired, a 502 from a proxy): then we reopen it ourselves, with backoff.
 * Every (re)open also asks for a sync, since pokes sent while we were away are lost.
 */
const MIN_DELAY_MS = 2_000;
const MAX_DELAY_MS = 60_000;

export function listenForPokes(url: string, onPoke: () => void): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let delay = MIN_DELAY_MS;
  let stopped = false;

  const open = () => {
    timer = null;
    if (stopped) return;
    source = new EventSource(url, { withCredentials: true });
    source.addEventListener('poke', onPoke);
    source.addEventListener('open', () => {
      delay = MIN_DELAY_MS;
      onPoke();
    });
    source.addEventListener('error', () => {
      if (source?.readyState !== EventSource.CLOSED || stopped) return;
      source = null;
      timer = setTimeout(open, delay);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    });
  };
  open();

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    source?.close();
    source = null;
  };
}
