import crypto from 'node:crypto';
import type { Env } from '../env.ts';
import type { Repositories } from '../repositories/index.ts';
import type { UserRecord } from '../repositories/users.repo.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { LoginThrottle } from './login-throttle.ts';

/** What the rest of the server knows about the signed-in user: never the hash. */
export type SessionUser = Omit<UserRecord, 'passwordHash' | 'active'> & {
  /** A professional's current mediations, read at every request so a removal counts at once. */
  mediations?: readonly { dossierId: string; sensitive: boolean }[];
  /** A professional's albo record (whatever its status). */
  professionalId?: string;
};

export class LoginError extends Error {
  constructor(
    readonly code: 'invalid_credentials' | 'rate_limited',
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

  return {
    async login(username: string, password: string, ip: string): Promise<{ token: string; user: SessionUser }> {
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
      throttle.recordSuccess(account);
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
