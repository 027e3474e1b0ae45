/**
 * The benchmark's device side, in its own process: serialising requests and parsing
 * replies is the device's work, so it must not take CPU from the server being measured
 * (and the server's CPU time can be read apart from it).
 */

/** @type {{ base: string; cookie: string; kind: 'push' | 'pull'; bodies?: string[]; pullLimit?: number }} */
const job = await new Promise((resolve) => process.once('message', resolve));

async function push() {
  const start = performance.now();
  let refused = 0;
  // Each push's own time: on a busy machine the fastest one shows what the code costs.
  const each = [];
  for (const body of job.bodies ?? []) {
    const t0 = performance.now();
    const res = await fetch(`${job.base}/trpc/sync.push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: job.cookie },
      body,
    });
    const json = await res.json();
    if (!res.ok || !json.result) throw new Error(`push failed: ${res.status}`);
    refused += json.result.data.outcomes.filter((o) => o.status !== 'applied').length;
    each.push(performance.now() - t0);
  }
  return { seconds: (performance.now() - start) / 1000, refused, each };
}

async function pull() {
  const start = performance.now();
  let cursor = null;
  let pulled = 0;
  // Where a page's time goes: the server until the reply's headers (it builds and
  // serialises the whole page before sending), the body's transfer, the device's parse.
  const split = { serverMs: 0, transferMs: 0, parseMs: 0, bytes: 0, pages: 0 };
  const each = [];
  for (;;) {
    const input = encodeURIComponent(JSON.stringify({ cursor, limit: job.pullLimit }));
    const t0 = performance.now();
    const res = await fetch(`${job.base}/trpc/sync.pull?input=${input}`, { headers: { cookie: job.cookie } });
    const t1 = performance.now();
    const text = await res.text();
    const t2 = performance.now();
    const json = JSON.parse(text);
    const t3 = performance.now();
    split.serverMs += t1 - t0;
    split.transferMs += t2 - t1;
    split.parseMs += t3 - t2;
    split.bytes += Buffer.byteLength(text);
    split.pages++;
    each.push({ ms: t3 - t0, rows: json.result?.data?.changes?.length ?? 0 });
    if (!res.ok || !json.result) throw new Error(`pull failed: ${res.status}`);
    // Only dossiers count: the same scope may also carry other entities (needs reports).
    pulled += json.result.data.changes.filter((c) => c.entity === 'dossier').length;
    cursor = json.result.data.cursor;
    if (!json.result.data.more) break;
  }
  return { seconds: (performance.now() - start) / 1000, pulled, split, each };
}

process.send(await (job.kind === 'push' ? push() : pull()), () => process.disconnect());
