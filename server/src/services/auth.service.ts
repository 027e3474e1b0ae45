import crypto from 'node:crypto';
import type { Env } from '../env.ts';
import type { Repositories } from '../repositories/index.ts';
import type { UserRecord } from '../repositories/users.repo.ts';
import { oneTimeCodeDigits, requiresSecondFactor } from '@icaro/domain';
import { hashPassword, verifyPassword } from './passwords.ts';
import { LoginThrottle } from './login-throttle.ts';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.ts';

/** What the rest of the server knows about the signed-in user: never the hash. */
export type SessionUser = Omit<UserRecord, 'passwordHash' | 'active'> & {
  /** A professional's current mediations, read at every request so a removal counts at once. */
  mediations?: readonly { dossierId: string; sensitive: boolean }[];
  /** A professional's albo record (whatever its status). */
  professionalId?: string;
};

export class LoginError extends Error {
  constructor(
    readonly code: 'invalid_credentials' | 'rate_limited' | 'invalid_code' | 'ticket_expired',
    readonly retryAfterMs = 0,
  ) {
    super(code);
  }
}

export function toSessionUser({ passwordHash: _hash, active: _active, ...user }: UserRecord): SessionUser {
  return user;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

/** Touch lastSeen at most this often, so reads do not turn into a write each. */
const TOUCH_EVERY_MS = 60_000;
/** Between the password and the second factor: time to open the authenticator app. */
const TICKET_TTL_MS = 5 * 60_000;
/** Wrong codes on one ticket before the password must be given again. */
const TICKET_TRIES = 5;

/** The outcome of a correct password: a session, or the second factor still to give. */
export type LoginOutcome =
  | { token: string; user: SessionUser }
  | {
      secondFactor: {
        /** Proves the password step; good for TICKET_TTL_MS and TICKET_TRIES codes. */
        ticket: string;
        /** Not enrolled yet: the secret to add to an authenticator app, confirmed by its first code. */
        enrol: { secret: string; uri: string } | null;
      };
    };

interface Ticket {
  userId: string;
  account: string;
  expiresAt: number;
  tries: number;
  /** The secret being enrolled, kept only here until a code confirms it. */
  enrolSecret: string | null;
}

export function createAuthService(repos: Repositories, env: Env, now: () => number = Date.now) {
  const throttle = new LoginThrottle(env.LOGIN_WINDOW_MINUTES * 60_000, env.LOGIN_MAX_FAILURES_PER_ACCOUNT, env.LOGIN_MAX_FAILURES_PER_IP);
  const idleMs = env.SESSION_IDLE_MINUTES * 60_000;
  const absoluteMs = env.SESSION_ABSOLUTE_HOURS * 3_600_000;
  // Verifying against a real hash for unknown users keeps both answers equally slow.
  const dummyHash = hashPassword(crypto.randomBytes(24).toString('base64'));

  // A new random token at every login; only its hash is stored.
  function startSession(userId: string, t: number): string {
    const token = crypto.randomBytes(32).toString('base64url');
    repos.sessions.insert({ tokenHash: hashToken(token), userId, createdAt: t, lastSeenAt: t, expiresAt: t + absoluteMs });
    return token;
  }

  // In memory, like the throttle: one process per city; a restart only asks for the password again.
  const tickets = new Map<string, Ticket>();
  function openTicket(user: UserRecord, account: string, t: number): LoginOutcome {
    for (const [key, ticket] of tickets) if (ticket.expiresAt <= t) tickets.delete(key);
    const enrolled = repos.secondFactor.find(user.id);
    const enrolSecret = enrolled ? null : newTotpSecret();
    const ticket = crypto.randomBytes(32).toString('base64url');
    tickets.set(hashToken(ticket), { userId: user.id, account, expiresAt: t + TICKET_TTL_MS, tries: 0, enrolSecret });
    return { secondFactor: { ticket, enrol: enrolSecret ? { secret: enrolSecret, uri: otpauthUri(enrolSecret, user.username) } : null } };
  }

  return {
    async login(username: string, password: string, ip: string): Promise<LoginOutcome> {
      const account = username.trim().toLowerCase();
      const t = now();
      const wait = throttle.retryAfter(account, ip, t);
      if (wait > 0) throw new LoginError('rate_limited', wait);
      const user = repos.users.findByUsername(account);
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
      if (!user || !ok || !user.active) {
        throttle.recordFailure(account, ip, t);
        throw new LoginError('invalid_credentials');
      }
      // The account's failure count is cleared only once the second factor is given too.
      if (requiresSecondFactor(user.role)) return openTicket(user, account, t);
      throttle.recordSuccess(account);
      return { token: startSession(user.id, t), user: toSessionUser(user) };
    },

    /**
     * The second step of a staff sign-in: a code from the authenticator app. At the first
     * sign-in the code also confirms the secret just shown, which is then stored. A code is
     * accepted once (its time step must be later than the last one used).
     */
    verifySecondFactor(ticketToken: string, code: string, ip: string): { token: string; user: SessionUser } {
      const t = now();
      const key = hashToken(ticketToken);
      const ticket = tickets.get(key);
      if (!ticket || ticket.expiresAt <= t) {
        tickets.delete(key);
        throw new LoginError('ticket_expired');
      }
      const wait = throttle.retryAfter(ticket.account, ip, t);
      if (wait > 0) throw new LoginError('rate_limited', wait);
      const user = repos.users.findById(ticket.userId);
      const secret = ticket.enrolSecret ?? repos.secondFactor.find(ticket.userId)?.secret;
      if (!user || !user.active || !secret) {
        tickets.delete(key);
        throw new LoginError('ticket_expired');
      }
      const digits = oneTimeCodeDigits(code);
      const step = digits === null ? null : matchTotp(secret, digits, t);
      const accepted = step !== null && (ticket.enrolSecret ? true : repos.secondFactor.useStep(user.id, step));
      if (!accepted || step === null) {
        throttle.recordFailure(ticket.account, ip, t);
        ticket.tries += 1;
        if (ticket.tries >= TICKET_TRIES) tickets.delete(key);
        throw new LoginError('invalid_code');
      }
      if (ticket.enrolSecret) repos.secondFactor.enrol(user.id, ticket.enrolSecret, step, new Date(t).toISOString());
      tickets.delete(key);
      throttle.recordSuccess(ticket.account);
      return { token: startSession(user.id, t), user: toSessionUser(user) };
    },

    /** A new session for a user who proved who they are some other way (a one-time code). */
    startSession(user: UserRecord): { token: string; user: SessionUser } {
      return { token: startSession(user.id, now()), user: toSessionUser(user) };
    },

    /** The user behind a session token, or null when it is unknown, idle too long or expired. */
    authenticate(token: string | undefined): SessionUser | null {
      if (!token) return null;
      const t = now();
      const tokenHash = hashToken(token);
      const session = repos.sessions.findValid(tokenHash, t);
      if (!session) return null;
      if (t - session.lastSeenAt > idleMs) {
        repos.sessions.delete(tokenHash);
        return null;
      }
      const user = repos.users.findById(session.userId);
      if (!user || !user.active) return null;
      if (t - session.lastSeenAt > TOUCH_EVERY_MS) repos.sessions.touch(tokenHash, t);
      // A professional's mediations are read at every request: a removal counts at once.
      if (user.role === 'professional') {
        const professionalId = repos.albo.findByUserId(user.id)?.id;
        return { ...toSessionUser(user), mediations: repos.albo.activeMediations(user.id), ...(professionalId ? { professionalId } : {}) };
      }
      return toSessionUser(user);
    },

    logout(token: string | undefined): void {
      if (token) repos.sessions.delete(hashToken(token));
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
