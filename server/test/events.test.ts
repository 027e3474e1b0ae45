import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** Reads an SSE stream and resolves with the events seen before the deadline. */
async function listen(cookie: string, ms: number, during: () => Promise<void>): Promise<string[]> {
  const controller = new AbortController();
  const res = await fetch(`${server.url}/events`, { headers: { cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: string[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          if (event) events.push(`${event}:${/^data: (.*)$/m.exec(block)?.[1] ?? ''}`);
        }
      }
    } catch {
      /* aborted */
    }
  })();
  await during();
  await new Promise((r) => setTimeout(r, ms));
  controller.abort();
  await reading;
  return events;
}

async function submitFor(client: TestClient, circoscrizione: number): Promise<void> {
  const args = submitArgs(new Random(circoscrizione), syntheticApplicant(circoscrizione, circoscrizione));
  const res = await client.mutation('sync.push', { clientId: uuidv7(), mutations: [envelope(1, 'dossier.submit@1', args)] });
  expect(res.status).toBe(200);
}

describe('server push over SSE', () => {
  it('refuses anonymous listeners', async () => {
    expect((await fetch(`${server.url}/events`)).status).toBe(401);
  });

  it('pokes the office whose scope changed, with no data, and not the others', async () => {
    const operator = new TestClient(server.url, server.origin);
    await operator.login('operatore.demo');
    const c4 = new TestClient(server.url, server.origin);
    await c4.login('istruttore.c4');
    const c5 = new TestClient(server.url, server.origin);
    await c5.login('istruttore.c5');
    const [seen4, seen5] = await Promise.all([
      listen(c4.cookie, 400, () => submitFor(operator, 4)),
      listen(c5.cookie, 400, async () => {}),
    ]);
    expect(seen4).toEqual(['poke:{}']);
    expect(seen5).toEqual([]);
  });
});
