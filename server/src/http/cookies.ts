import type { IncomingMessage } from 'node:http';
import type { Env } from '../env.ts';

/** `__Host-` binds the cookie to this exact origin, but browsers allow it only with Secure. */
export function sessionCookieName(env: Pick<Env, 'secureCookies'>): string {
  return env.secureCookies ? '__Host-icaro_session' : 'icaro_session';
}

export function sessionCookie(token: string, env: Env): string {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${env.SESSION_ABSOLUTE_HOURS * 3600}`];
  if (env.secureCookies) attributes.push('Secure');
  return `${sessionCookieName(env)}=${token}; ${attributes.join('; ')}`;
}

export function clearSessionCookie(env: Env): string {
  return `${sessionCookieName(env)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${env.secureCookies ? '; Secure' : ''}`;
}

export function readSessionToken(req: IncomingMessage, env: Env): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const name = sessionCookieName(env);
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}
