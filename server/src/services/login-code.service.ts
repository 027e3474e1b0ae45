/**
 * Citizens sign in with their codice fiscale and a one-time code: no password to
 * remember (WCAG 3.3.8). The answer to a code request is the same whether or not the
 * codice fiscale belongs to a known person, and it does not wait for delivery, so
 * neither the reply nor its timing says who is known.
 */
import crypto from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { validateCodiceFiscale } from '@icaro/domain';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Notifier } from '../notify/notifier.ts';
import type { AuthService, SessionUser } from './auth.service.ts';
import { LoginThrottle } from './login-throttle.ts';

export type CodeLoginFailure = 'invalid_cf' | 'rate_limited' | 'invalid_code' | 'code_expired';

export class CodeLoginError extends Error {
  constructor(
    readonly code: CodeLoginFailure,
    readonly retryAfterMs = 0,
  ) {
    super(code);
  }
}

/** A password hash no password verifies against: these accounts sign in by code only. */
const NO_PASSWORD = '!code-login-only';
const PURGE_AFTER_MS = 24 * 3_600_000;

interface Deps {
  repos: Repositories;
  env: Env;
  auth: AuthService;
  notifier: Notifier;
  log: Logger;
  now?: () => number;
}

export function createLoginCodeService({ repos, env, auth, notifier, log, now = () => Date.now() }: Deps) {
  const ttlMs = env.OTP_TTL_MINUTES * 60_000;
  // Requests, not failures, are what is counted: each one may send a message.
  const requests = new LoginThrottle(env.OTP_WINDOW_MINUTES * 60_000, env.OTP_MAX_CODES_PER_CF, env.OTP_MAX_CODES_PER_IP);
  // Codes are HMAC'd with a key that lives only in this process: a copy of the database
  // alone cannot be searched for the 10^6 possible codes. A restart voids open codes,
  // which costs a citizen at most one new request.
  const key = crypto.randomBytes(32);
  const digest = (id: string, code: string) => crypto.createHmac('sha256', key).update(`${id}:${code}`).digest('base64url');

  function deliver(personId: string, code: string, expiresAt: number): void {
    const person = repos.persons.findById(personId);
    if (!person) return;
    // A professional of the albo gets the code at the address of their application.
    const professional = repos.albo.findByPersonId(personId);
    const email = professional?.email ?? person.email;
    const message = { personId, displayName: `${person.givenName} ${person.familyName}`, email, code, expiresAt };
    notifier.sendLoginCode(message).catch((error: unknown) => {
      // Identifiers only: never the address or the code.
      log.error('login code not delivered', { personId, channel: notifier.channel, reason: (error as Error).message });
    });
  }

  return {
    /** Issues a code for this codice fiscale, or behaves exactly as if it had. */
    requestCode(codiceFiscale: string, ip: string): { challengeId: string; expiresAt: number } {
      const cf = validateCodiceFiscale(codiceFiscale);
      if (!cf.ok) throw new CodeLoginError('invalid_cf');
      const t = now();
      const wait = requests.retryAfter(cf.value, ip, t);
      if (wait > 0) throw new CodeLoginError('rate_limited', wait);
      requests.recordFailure(cf.value, ip, t);
      repos.loginCodes.purgeExpiredBefore(t - PURGE_AFTER_MS);

      const person = repos.persons.findByCodiceFiscale(cf.value);
      const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
      const challengeId = uuidv7();
      const expiresAt = t + ttlMs;
      repos.loginCodes.insert({ id: challengeId, personId: person?.id ?? null, codeHash: digest(challengeId, code), createdAt: t, expiresAt });
      if (person) deliver(person.id, code, expiresAt);
      return { challengeId, expiresAt };
    },

    /** Checks a code; on success opens a session for the person's citizen account. */
    verifyCode(challengeId: string, code: string): { token: string; user: SessionUser } {
      const t = now();
      const row = repos.loginCodes.find(challengeId);
      if (!row || row.usedAt !== null || row.expiresAt <= t || row.attempts >= env.OTP_MAX_ATTEMPTS) {
        throw new CodeLoginError('code_expired');
      }
      const attempts = repos.loginCodes.countAttempt(challengeId);
      const given = Buffer.from(digest(challengeId, code));
      const right = crypto.timingSafeEqual(given, Buffer.from(row.codeHash));
      if (!right || attempts > env.OTP_MAX_ATTEMPTS || !row.personId) throw new CodeLoginError('invalid_code');
      if (!repos.loginCodes.markUsed(challengeId, t)) throw new CodeLoginError('code_expired');
      // A person with a professional account (albo, issue 6) signs in as the professional.
      const professional = repos.albo.findByPersonId(row.personId);
      const professionalUser = professional?.userId ? repos.users.findById(professional.userId) : undefined;
      const user = professionalUser ? (professionalUser.active ? professionalUser : undefined) : citizenAccount(row.personId);
      if (!user) throw new CodeLoginError('invalid_code');
      return auth.startSession(user);
    },
  };

  /** The person's citizen account, made on their first sign-in. */
  function citizenAccount(personId: string) {
    const existing = repos.users.findCitizenByPersonId(personId);
    if (existing) return existing.active ? existing : undefined;
    const person = repos.persons.findById(personId);
    if (!person) return undefined;
    const id = uuidv7();
    repos.users.insert({
      id,
      username: `cittadino.${id}`,
      passwordHash: NO_PASSWORD,
      displayName: `${person.givenName} ${person.familyName}`,
      role: 'citizen',
      personId,
      createdAt: new Date(now()).toISOString(),
    });
    log.info('citizen account created', { userId: id, personId });
    return repos.users.findById(id);
  }
}
export type LoginCodeService = ReturnType<typeof createLoginCodeService>;
