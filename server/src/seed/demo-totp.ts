/**
 * The demo city's staff are enrolled in the second factor with secrets derived from their
 * usernames, published here like their shared demo password: anyone trying the demo (and
 * the tests) can compute the codes, and the demo inbox page shows them. Demo data only;
 * real staff enrol their own random secret at their first sign-in.
 */
import crypto from 'node:crypto';
import { base32Encode, totpCode, totpStep, TOTP_STEP_SECONDS } from '../services/totp.ts';

export function demoTotpSecret(username: string): string {
  return base32Encode(crypto.createHmac('sha1', 'icaro-demo-totp').update(username).digest());
}

const used = new Map<string, number>();

/**
 * For tests and scripts that sign a demo staff member in more than once: a code the server
 * has not accepted yet (it refuses a code whose time step was already used), waiting for
 * the next step when both usable ones are spent. `scope` is the server (its URL).
 */
export async function freshDemoTotpCode(scope: string, username: string): Promise<string> {
  const key = `${scope} ${username}`;
  for (;;) {
    const now = Date.now();
    const step = totpStep(now);
    const last = used.get(key) ?? 0;
    // The current step, or the next one (accepted for clock drift); not the previous one,
    // which a step boundary during the request could push out of the accepted window.
    const candidate = [step, step + 1].find((s) => s > last);
    if (candidate !== undefined) {
      used.set(key, candidate);
      return totpCode(demoTotpSecret(username), candidate * TOTP_STEP_SECONDS * 1000);
    }
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * TOTP_STEP_SECONDS * 1000 - now + 50));
  }
}

/**
 * Signs a demo user in over HTTP as the app does (the password, then for staff a fresh code
 * of their demo authenticator), for e2e tests and benchmarks. Returns the session cookie.
 */
export async function demoSignIn(baseUrl: string, username: string, password: string): Promise<string> {
  // A script, not a browser: no Origin or fetch metadata (the server checks those only when sent).
  const headers = { 'content-type': 'application/json' };
  const post = (procedure: string, input: unknown) => fetch(`${baseUrl}/trpc/${procedure}`, { method: 'POST', headers, body: JSON.stringify(input) });
  const first = await post('auth.login', { username, password });
  if (first.status !== 200) throw new Error(`login of ${username}: HTTP ${first.status}`);
  const secondFactor = ((await first.json()) as { result: { data: { secondFactor: { ticket: string } | null } } }).result.data.secondFactor;
  const done = secondFactor ? await post('auth.secondFactor', { ticket: secondFactor.ticket, code: await freshDemoTotpCode(baseUrl, username) }) : first;
  if (done.status !== 200) throw new Error(`second factor of ${username}: HTTP ${done.status}`);
  return done.headers.get('set-cookie')!.split(';')[0]!;
}
