/**
 * Staff sign in with a second factor (TOTP) after the password: QUALITY.md §2. The demo
 * staff are enrolled with published secrets (seed/demo-totp.ts); codes are computed here
 * as an authenticator app would.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TestClient, DEMO_PASSWORD, type TestServer } from './helpers.ts';
import { base32Decode, hotp, matchTotp, otpauthUri, totpCode, totpStep, TOTP_STEP_SECONDS } from '../src/services/totp.ts';
import { demoTotpSecret } from '../src/seed/demo-totp.ts';

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B, SHA-1, the last 6 of its 8 digits.
  const secret = Buffer.from('12345678901234567890');
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('at %i s the code is %s', (seconds, code) => {
    expect(hotp(secret, Math.floor(seconds / TOTP_STEP_SECONDS))).toBe(code);
  });

  it('accepts the step before and after now for a phone clock a little off, and no further', () => {
    const s = demoTotpSecret('responsabile.c1');
    const t = Date.UTC(2026, 10, 26, 10, 0, 15);
    const step = totpStep(t);
    for (const offset of [-1, 0, 1]) expect(matchTotp(s, totpCode(s, t + offset * 30_000), t)).toBe(step + offset);
    for (const offset of [-2, 2]) expect(matchTotp(s, totpCode(s, t + offset * 30_000), t)).toBeNull();
    expect(matchTotp(s, 'abcdef', t)).toBeNull();
    expect(base32Decode(s)).toHaveLength(20);
  });

  it('writes the otpauth address authenticator apps read', () => {
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'responsabile.c1')).toBe(
      'otpauth://totp/ICARO%20Palermo%3Aresponsabile.c1?secret=JBSWY3DPEHPK3PXP&issuer=ICARO+Palermo&algorithm=SHA1&digits=6&period=30',
    );
  });
});

interface FirstStep {
  user: { username: string } | null;
  secondFactor: { ticket: string; enrol: { secret: string; uri: string } | null } | null;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '8' });
});
afterAll(() => server.stop());

async function passwordStep(client: TestClient, username: string, password = DEMO_PASSWORD) {
  return client.mutation<FirstStep>('auth.login', { username, password });
}

describe('staff sign-in with a second factor', () => {
  it('gives no session for the password alone; the code gives one; the same code is refused a second time', async () => {
    const client = new TestClient(server.url, server.origin);
    const first = await passwordStep(client, 'responsabile.c2');
    expect(first.status).toBe(200);
    expect(first.data?.user).toBeNull();
    expect(first.data?.secondFactor?.enrol).toBeNull(); // the demo staff are enrolled
    expect(first.headers.get('set-cookie')).toBeNull();
    expect((await client.query('auth.me')).data).toBeNull();

    const wrong = await client.mutation('auth.secondFactor', { ticket: first.data!.secondFactor!.ticket, code: '000000' === totpCode(demoTotpSecret('responsabile.c2'), Date.now()) ? '111111' : '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.error?.message).toBe('invalid_code');

    const code = totpCode(demoTotpSecret('responsabile.c2'), Date.now());
    const ok = await client.mutation<{ user: { username: string } }>('auth.secondFactor', { ticket: first.data!.secondFactor!.ticket, code });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect((await client.query<{ username: string }>('auth.me')).data?.username).toBe('responsabile.c2');

    // Someone who saw the code (and knows the password) cannot use it again.
    const other = new TestClient(server.url, server.origin);
    const again = await passwordStep(other, 'responsabile.c2');
    const replay = await other.mutation('auth.secondFactor', { ticket: again.data!.secondFactor!.ticket, code });
    expect(replay.status).toBe(401);
    expect(replay.error?.message).toBe('invalid_code');
    expect((await other.query('auth.me')).data).toBeNull();
  });

  it('drops the ticket after 5 wrong codes: the password must be given again', async () => {
    const client = new TestClient(server.url, server.origin);
    const first = await passwordStep(client, 'istruttore.c3');
    const ticket = first.data!.secondFactor!.ticket;
    const right = totpCode(demoTotpSecret('istruttore.c3'), Date.now());
    const wrongCode = right === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) expect((await client.mutation('auth.secondFactor', { ticket, code: wrongCode })).error?.message).toBe('invalid_code');
    const late = await client.mutation('auth.secondFactor', { ticket, code: right });
    expect(late.status).toBe(401);
    expect(late.error?.message).toBe('ticket_expired');
    expect((await client.mutation('auth.secondFactor', { ticket: 'x'.repeat(43), code: right })).error?.message).toBe('ticket_expired');
  });

  it('counts wrong codes against the account: after the limit even a right password and code get 429', async () => {
    const client = new TestClient(server.url, server.origin);
    const right = () => totpCode(demoTotpSecret('sportello.c4'), Date.now());
    // 8 failures allowed in this server's window; each ticket takes 5.
    for (let round = 0; round < 2; round++) {
      const { ticket } = (await passwordStep(client, 'sportello.c4')).data!.secondFactor!;
      for (let i = 0; i < 4; i++) await client.mutation('auth.secondFactor', { ticket, code: right() === '222222' ? '333333' : '222222' });
    }
    const blocked = await passwordStep(client, 'sportello.c4');
    expect(blocked.status).toBe(429);
  });

  it('enrols at the first sign-in after a reset: the new secret is confirmed by its first code, then required', async () => {
    const user = server.app.repos.users.findByUsername('analista.demo')!;
    expect(server.app.repos.secondFactor.reset(user.id)).toBe(true);
    const client = new TestClient(server.url, server.origin);
    const first = await passwordStep(client, 'analista.demo');
    const enrol = first.data!.secondFactor!.enrol!;
    expect(enrol.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrol.secret).not.toBe(demoTotpSecret('analista.demo'));
    expect(enrol.uri).toContain(`secret=${enrol.secret}`);
    // Until a code confirms it, nothing is stored.
    expect(server.app.repos.secondFactor.find(user.id)).toBeUndefined();
    const ok = await client.mutation('auth.secondFactor', { ticket: first.data!.secondFactor!.ticket, code: totpCode(enrol.secret, Date.now()) });
    expect(ok.status).toBe(200);
    expect(server.app.repos.secondFactor.find(user.id)?.secret).toBe(enrol.secret);

    // The next sign-in asks for a code of that secret; the old demo secret no longer works.
    const next = new TestClient(server.url, server.origin);
    const again = await passwordStep(next, 'analista.demo');
    expect(again.data!.secondFactor!.enrol).toBeNull();
    const old = await next.mutation('auth.secondFactor', { ticket: again.data!.secondFactor!.ticket, code: totpCode(demoTotpSecret('analista.demo'), Date.now()) });
    expect(old.status).toBe(401);
    const later = totpCode(enrol.secret, Date.now() + TOTP_STEP_SECONDS * 1000);
    expect((await next.mutation('auth.secondFactor', { ticket: again.data!.secondFactor!.ticket, code: later })).status).toBe(200);
  });

  it('cli totp-reset (a lost phone) ends the sessions and makes the next sign-in enrol', async () => {
    const client = new TestClient(server.url, server.origin);
    expect((await client.login('ragioneria.demo')).status).toBe(200);
    expect((await client.query<{ username: string }>('auth.me')).data?.username).toBe('ragioneria.demo');
    const serverRoot = path.resolve(import.meta.dirname, '..');
    const { stdout } = await promisify(execFile)(path.join(serverRoot, '../node_modules/.bin/tsx'), [path.join(serverRoot, 'src/cli.ts'), 'totp-reset', 'ragioneria.demo'], {
      env: { ...process.env, DATA_DIR: server.dataDir, NODE_ENV: 'test', SEED_DEMO: 'false' },
    });
    expect(stdout).toContain('Verifica in due passaggi azzerata per ragioneria.demo (1 sessioni chiuse)');
    expect((await client.query('auth.me')).data).toBeNull();
    expect((await passwordStep(new TestClient(server.url, server.origin), 'ragioneria.demo')).data?.secondFactor?.enrol?.secret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('association operators, professionals and citizens need no second factor', async () => {
    const client = new TestClient(server.url, server.origin);
    const res = await passwordStep(client, 'operatore.demo');
    expect(res.data?.user?.username).toBe('operatore.demo');
    expect(res.data?.secondFactor).toBeNull();
  });
});
