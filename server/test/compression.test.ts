/**
 * API replies go compressed to clients that accept it (http/server.ts): the same JSON,
 * a fraction of the bytes on the line. Clients that do not ask get it plain.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
let cookie: string;
beforeAll(async () => {
  server = await startTestServer({ SEED_DOSSIERS: '200' });
  const client = new TestClient(server.url, server.origin);
  const res = await client.login('responsabile.c1');
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(() => server.stop());

/** The raw bytes and headers, as they travel (Node's http does not decode). */
function get(path: string, acceptEncoding: string | null): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { cookie };
    if (acceptEncoding) headers['accept-encoding'] = acceptEncoding;
    http
      .get(`${server.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const pull = `/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify({ cursor: null }))}`;

describe('compressed API replies', () => {
  it('sends a pull page gzip- or brotli-compressed when asked, with the same JSON inside, several times smaller', async () => {
    const plain = await get(pull, null);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const json = JSON.parse(plain.body.toString()) as { result: { data: { changes: unknown[] } } };
    expect(json.result.data.changes.length).toBeGreaterThan(50);

    const gzip = await get(pull, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gzip.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(zlib.gunzipSync(gzip.body).toString())).toEqual(json);
    expect(gzip.body.length * 4).toBeLessThan(plain.body.length);

    const br = await get(pull, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString())).toEqual(json);
    expect(br.body.length * 4).toBeLessThan(plain.body.length);
  });

});
