/**
 * The benchmark's device side, on its own thread: serialising requests and parsing
 * replies is the device's work, so it must not take CPU from the server being measured.
 */
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ base: string; cookie: string; kind: 'push' | 'pull'; bodies?: string[]; pullLimit?: number }} */
const job = workerData;

async function push() {
  const start = performance.now();
  let refused = 0;
  for (const body of job.bodies ?? []) {
    const res = await fetch(`${job.base}/trpc/sync.push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: job.cookie },
      body,
    });
    const json = await res.json();
    if (!res.ok || !json.result) throw new Error(`push failed: ${res.status}`);
    refused += json.result.data.outcomes.filter((o) => o.status !== 'applied').length;
  }
  return { seconds: (performance.now() - start) / 1000, refused };
}

async function pull() {
  const start = performance.now();
  let cursor = null;
  let pulled = 0;
  for (;;) {
    const input = encodeURIComponent(JSON.stringify({ cursor, limit: job.pullLimit }));
    const res = await fetch(`${job.base}/trpc/sync.pull?input=${input}`, { headers: { cookie: job.cookie } });
    const json = await res.json();
    // Only dossiers count: the same scope may also carry other entities (needs reports).
    pulled += json.result.data.changes.filter((c) => c.entity === 'dossier').length;
    cursor = json.result.data.cursor;
    if (!json.result.data.more) break;
  }
  return { seconds: (performance.now() - start) / 1000, pulled };
}

parentPort.postMessage(await (job.kind === 'push' ? push() : pull()));
