import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '@icaro/domain';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('the public catalogue', () => {
  it('is served without login', async () => {
    const res = await new TestClient(server.url, server.origin).query<unknown[]>('catalogue.list');
    expect(res.status).toBe(200);
    expect(res.data).toHaveLength(15);
  });

  // One source of truth (docs/architecture.md): the public pages read the domain
  // package's catalogue at build time, the server seeds its table from the same data.
  it('is exactly the catalogue the web app is built with', async () => {
    const res = await new TestClient(server.url, server.origin).query<{ code: string }[]>('catalogue.list');
    const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
    expect([...res.data!].sort(byCode)).toEqual(JSON.parse(JSON.stringify([...CATALOGUE].sort(byCode))));
  });
});
