import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeCodiceFiscale } from '@icaro/domain';
import { createLogger } from '../src/logger.ts';
import { persons, users } from '../src/db/schema.ts';
import { DEMO_CITIZEN } from '../src/seed/users.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';
import { SmtpSink } from './smtp-sink.ts';

const DEMO_CF = encodeCodiceFiscale(DEMO_CITIZEN);
const UNKNOWN_CF = encodeCodiceFiscale({ familyName: 'Nessuno', givenName: 'Ignota', birthDate: '1950-02-02', sex: 'F', belfiore: 'G273' });

interface Challenge {
  challengeId: string;
  expiresAt: number;
}
interface InboxEntry {
  displayName: string;
  code: string;
}

const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('citizen login by one-time code, demo mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ OTP_MAX_CODES_PER_CF: '20', OTP_MAX_CODES_PER_IP: '100' });
  });
  afterAll(() => server.stop());
  afterEach(() => vi.useRealTimers());

  async function requestCode(client: TestClient, cf = DEMO_CF): Promise<{ challenge: Challenge; code: string }> {
    const res = await client.mutation<Challenge>('loginCode.request', { codiceFiscale: cf });
    expect(res.status).toBe(200);
    const inbox = await client.query<InboxEntry[]>('demo.inbox');
    return { challenge: res.data!, code: inbox.data![0]!.code };
  }

  it('signs the demo citizen in with the code from the demo inbox, pasted with spaces', async () => {
    const client = new TestClient(server.url, server.origin);
    const { challenge, code } = await requestCode(client, DEMO_CF.toLowerCase());
    expect(code).toMatch(/^\d{6}$/);
    const res = await client.mutation<{ user: { role: string } }>('loginCode.verify', {
      challengeId: challenge.challengeId,
      code: `${code.slice(0, 3)} ${code.slice(3)}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
    const me = await client.query<{ role: string; personId: string; username: string; displayName: string }>('auth.me');
    expect(me.data).toMatchObject({ role: 'citizen', username: 'cittadino.demo', displayName: 'Rosalia Cusumano' });
    // The citizen's own scope: sync works for them.
    expect((await client.query('sync.pull', { cursor: null })).status).toBe(200);
  });

  it('gives a known person without an account a citizen account on first sign-in, and the same one after', async () => {
    const withAccount = new Set(server.app.db.select({ personId: users.personId }).from(users).all().map((u) => u.personId));
    const person = server.app.db.select().from(persons).all().find((p) => !withAccount.has(p.id))!;
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const client = new TestClient(server.url, server.origin);
      const { challenge, code } = await requestCode(client, person.codiceFiscale);
      expect((await client.mutation('loginCode.verify', { challengeId: challenge.challengeId, code })).status).toBe(200);
      const me = await client.query<{ id: string; role: string; personId: string; displayName: string; username: string }>('auth.me');
      expect(me.data).toMatchObject({ role: 'citizen', personId: person.id, displayName: `${person.givenName} ${person.familyName}` });
      // The username does not carry the codice fiscale.
      expect(me.data!.username).not.toContain(person.codiceFiscale.toLowerCase());
      ids.push(me.data!.id);
    }
    expect(ids[1]).toBe(ids[0]);
    // Such an account has no password: the password login refuses it whatever is typed.
    const username = server.app.repos.users.findById(ids[0]!)!.username;
    expect((await new TestClient(server.url, server.origin).login(username, '!code-login-only')).status).toBe(401);
  });

  it('refuses a code used twice', async () => {
    const client = new TestClient(server.url, server.origin);
    const { challenge, code } = await requestCode(client);
    expect((await client.mutation('loginCode.verify', { challengeId: challenge.challengeId, code })).status).toBe(200);
    const again = await new TestClient(server.url, server.origin).mutation('loginCode.verify', { challengeId: challenge.challengeId, code });
    expect(again.status).toBe(401);
    expect(again.error?.message).toBe('code_expired');
  });

  it('refuses a wrong code with 401, and the right one still works afterwards', async () => {
    const client = new TestClient(server.url, server.origin);
    const { challenge, code } = await requestCode(client);
    const wrong = await client.mutation('loginCode.verify', { challengeId: challenge.challengeId, code: otherCode(code) });
    expect(wrong.status).toBe(401);
    expect(wrong.error?.message).toBe('invalid_code');
    expect((await client.query('auth.me')).data).toBeNull();
    expect((await client.mutation('loginCode.verify', { challengeId: challenge.challengeId, code })).status).toBe(200);
  });

  it('allows 5 tries per code: after 5 wrong ones even the right code is refused', async () => {
    const client = new TestClient(server.url, server.origin);
    const { challenge, code } = await requestCode(client);
    for (let i = 0; i < 5; i++) {
      const res = await client.mutation('loginCode.verify', { challengeId: challenge.challengeId, code: otherCode(code) });
      expect(res.error?.message).toBe('invalid_code');
    }
    const right = await client.mutation('loginCode.verify', { challengeId: challenge.challengeId, code });
    expect(right.status).toBe(401);
    expect(right.error?.message).toBe('code_expired');
  });

  it('refuses a code after its 10 minutes', async () => {
    const client = new TestClient(server.url, server.origin);
    const { challenge, code } = await requestCode(client);
    expect(challenge.expiresAt - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(challenge.expiresAt + 1_000);
    const late = await client.mutation('loginCode.verify', { challengeId: challenge.challengeId, code });
    expect(late.status).toBe(401);
    expect(late.error?.message).toBe('code_expired');
  });

  it('answers an unknown codice fiscale exactly as a known one, and sends nothing', async () => {
    const client = new TestClient(server.url, server.origin);
    const before = (await client.query<InboxEntry[]>('demo.inbox')).data!.length;
    const known = await client.mutation<Challenge>('loginCode.request', { codiceFiscale: DEMO_CF });
    const unknown = await client.mutation<Challenge>('loginCode.request', { codiceFiscale: UNKNOWN_CF });
    expect(unknown.status).toBe(known.status);
    expect(Object.keys(unknown.data!).sort()).toEqual(Object.keys(known.data!).sort());
    expect(unknown.data!.expiresAt - known.data!.expiresAt).toBeLessThan(5_000);
    expect((await client.query<InboxEntry[]>('demo.inbox')).data!.length).toBe(before + 1);
    // Guessing a code for nobody fails the same way as a wrong code for somebody.
    const a = await client.mutation('loginCode.verify', { challengeId: known.data!.challengeId, code: '000000' });
    const b = await client.mutation('loginCode.verify', { challengeId: unknown.data!.challengeId, code: '000000' });
    expect([b.status, b.error?.message]).toEqual([a.status, a.error?.message]);
  });

  it('refuses a malformed codice fiscale and a code that is not 6 digits with 400', async () => {
    const client = new TestClient(server.url, server.origin);
    expect((await client.mutation('loginCode.request', { codiceFiscale: 'RSSMRA' })).status).toBe(400);
    const { challenge } = await requestCode(client);
    expect((await client.mutation('loginCode.verify', { challengeId: challenge.challengeId, code: '12345' })).status).toBe(400);
  });
});

describe('limits on code requests', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ OTP_MAX_CODES_PER_CF: '3', OTP_MAX_CODES_PER_IP: '5' });
  });
  afterAll(() => server.stop());

  it('answers 429 with Retry-After past the codes per codice fiscale, then past the codes per address', async () => {
    const client = new TestClient(server.url, server.origin);
    for (let i = 0; i < 3; i++) expect((await client.mutation('loginCode.request', { codiceFiscale: DEMO_CF })).status).toBe(200);
    const blocked = await client.mutation('loginCode.request', { codiceFiscale: DEMO_CF });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same limit holds for an unknown codice fiscale: 429 says nothing about who exists.
    for (let i = 0; i < 2; i++) expect((await client.mutation('loginCode.request', { codiceFiscale: UNKNOWN_CF })).status).toBe(200);
    const byAddress = await client.mutation('loginCode.request', { codiceFiscale: UNKNOWN_CF });
    expect(byAddress.status).toBe(429);
  });
});

describe('outside demo mode (SMTP)', () => {
  let server: TestServer;
  let sink: SmtpSink;
  const lines: string[] = [];
  beforeAll(async () => {
    sink = await SmtpSink.start();
    server = await startTestServer(
      { DEMO_INBOX: 'false', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), SMTP_FROM: 'ICARO <icaro@comune.example>' },
      createLogger('debug', (line) => lines.push(line)),
    );
  });
  afterAll(async () => {
    await server.stop();
    await sink.close();
  });

  it('e-mails the code, which appears in no response and no log line', async () => {
    const client = new TestClient(server.url, server.origin);
    const bodies: string[] = [];
    const requested = await client.mutation<Challenge>('loginCode.request', { codiceFiscale: DEMO_CF });
    bodies.push(JSON.stringify(requested));
    const [mail] = await sink.waitFor(1);
    expect(mail!.to.join()).toContain(DEMO_CITIZEN.email);
    const code = /: (\d{6})/.exec(mail!.data)![1]!;
    const verified = await client.mutation('loginCode.verify', { challengeId: requested.data!.challengeId, code });
    expect(verified.status).toBe(200);
    bodies.push(JSON.stringify(verified), JSON.stringify(await client.query('auth.me')));
    for (const body of bodies) expect(body).not.toContain(code);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(code);
      expect(line).not.toContain(DEMO_CF);
      expect(line).not.toContain(DEMO_CITIZEN.email);
    }
  });

  it('has no demo inbox: neither the API nor the page exists', async () => {
    const client = new TestClient(server.url, server.origin);
    expect((await client.query('demo.inbox')).status).toBe(404);
    expect((await fetch(`${server.url}/demo/posta`)).status).toBe(404);
  });
});
