import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionUser } from '../services/auth.service.ts';
import type { PokeHub } from '../services/pokes.ts';

const HEARTBEAT_MS = 25_000;
const DEBOUNCE_MS = 30;

/**
 * Server-Sent Events: a data-free "poke" whenever something in the user's scope
 * changed. The device then pulls. Heartbeats keep proxies from closing the stream.
 */
export function serveEvents(req: IncomingMessage, res: ServerResponse, user: SessionUser, pokes: PokeHub): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  let pending: NodeJS.Timeout | null = null;
  const unsubscribe = pokes.subscribe(user, () => {
    pending ??= setTimeout(() => {
      pending = null;
      res.write('event: poke\ndata: {}\n\n');
    }, DEBOUNCE_MS);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const close = () => {
    clearInterval(heartbeat);
    if (pending) clearTimeout(pending);
    unsubscribe();
  };
  req.on('close', close);
  res.on('error', close);
}
