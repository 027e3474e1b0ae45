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
