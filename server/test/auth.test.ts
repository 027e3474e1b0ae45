import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOptions } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { users } from '../src/db/schema.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
});
afterAll(() => server.stop());

describe('health', () => {
  it('answers 200 with the database reachable', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'reachable' });
  });
});

describe('login', () => {
  it('stores argon2id hashes at m >= 19456 KiB, t >= 2', () => {
    const row = server.app.db.select().from(users).where(eq(users.username, 'operatore.demo')).get()!;
    expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
    const options = parseOptions(row.passwordHash);
    expect(options.memoryCost).toBeGreaterThanOrEqual(19456);
    expect(options.timeCost).toBeGreaterThanOrEqual(2);
  });

  it('sets a random HttpOnly, SameSite=Lax session cookie and knows the user', async () => {
    const client = new TestClient(server.url, server.origin);
    const res = await client.login('operatore.demo');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; see the https case below
    expect(cookie.split(';')[0]!.split('=')[1]!.length).toBeGreaterThanOrEqual(43); // 256 bits
    const me = await client.query<{ username: string; role: string }>('auth.me');
    expect(me.data).toMatchObject({ username: 'operatore.demo', role: 'association_operator' });
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const a = await new TestClient(server.url, server.origin).login('nessuno.qui', 'whatever-password');
    const b = await new TestClient(server.url, server.origin).login('istruttore.c1', 'wrong-password');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.error?.message).toBe(b.error?.message);
    expect(a.error?.data.code).toBe(b.error?.data.code);
  });

  it('answers 429 after repeated failures, even with the right password', async () => {
    const client = new TestClient(server.url, server.origin);
    for (let i = 0; i < 3; i++) expect((await client.login('istruttore.c2', 'bad-password-' + i)).status).toBe(401);
    const blocked = await client.login('istruttore.c2');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('ends the session on the server at logout', async () => {
    const client = new TestClient(server.url, server.origin);
    await client.login('responsabile.c1');
    const stolen = client.cookie;
    expect((await client.mutation('auth.logout')).status).toBe(200);
    const replay = new TestClient(server.url, server.origin);
    replay.cookie = stolen;
    expect((await replay.query('auth.me')).data).toBeNull();
    expect((await replay.query('sync.pull', { cursor: null })).status).toBe(401);
  });
});

describe('requests that must be refused', () => {
  it('refuses a cross-origin POST with 403, even with a valid cookie', async () => {
    const client = new TestClient(server.url, server.origin);
    await client.login('operatore.demo');
    const evil = await fetch(`${server.url}/trpc/auth.logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', cookie: client.cookie },
    });
    expect(evil.status).toBe(403);
    const crossSite = await fetch(`${server.url}/trpc/auth.logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', cookie: client.cookie },
    });
    expect(crossSite.status).toBe(403);
    expect((await client.query('auth.me')).data).not.toBeNull();
  });

  it('refuses form and text/plain bodies', async () => {
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      const res = await fetch(`${server.url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': type, origin: server.origin },
        body: 'a',
      });
      expect(res.status).toBe(415);
    }
  });

  it('refuses anonymous calls to protected procedures with 401', async () => {
    const anonymous = new TestClient(server.url, server.origin);
    expect((await anonymous.query('sync.pull', { cursor: null })).status).toBe(401);
    expect((await anonymous.mutation('sync.push', { clientId: crypto.randomUUID(), mutations: [] })).status).toBe(401);
  });

  it('refuses a role without the permission with 403', async () => {
    const analyst = new TestClient(server.url, server.origin);
    await analyst.login('analista.demo');
    expect((await analyst.query('sync.pull', { cursor: null })).status).toBe(403);
  });

  it('refuses unknown keys and malformed input with 400 and no stack trace', async () => {
    const client = new TestClient(server.url, server.origin);
    const res = await client.mutation('auth.login', { username: 'x', password: 'y', admin: true });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.error)).not.toMatch(/stack|at .*\.ts/);
    const broken = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toMatch(/\bat \S+ \(/);
  });
});

describe('https deployments', () => {
  it('marks the cookie Secure with the __Host- prefix', async () => {
    const secure = await startTestServer({ PUBLIC_ORIGIN: 'https://icaro.example' });
    try {
      const client = new TestClient(secure.url, 'https://icaro.example');
      const res = await client.login('operatore.demo');
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^__Host-icaro_session=/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/Path=\//);
    } finally {
      await secure.stop();
    }
  });
});
