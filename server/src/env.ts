/**
 * The one place where configuration is read. Every setting is validated at start-up;
 * a bad value stops the server with a clear message instead of failing later.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';

const here = path.dirname(fileURLToPath(import.meta.url));
/** server/ whether running from src/ (tsx, tests) or dist/ (built). */
const serverRoot = path.resolve(here, '..');
const repoRoot = path.resolve(serverRoot, '..');

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * The public origin(s) the app is served from, comma separated. Mutations from any
   * other Origin get 403. Defaults to http://localhost:PORT and http://127.0.0.1:PORT.
   */
  PUBLIC_ORIGIN: z.string().optional(),
  WEB_DIR: z.string().default(path.join(repoRoot, 'web', 'build')),
  MIGRATIONS_DIR: z.string().default(path.join(serverRoot, 'drizzle')),
  SEED_DEMO: bool.default(true),
  /** Size of the demo city seeded into an empty database. */
  SEED_DOSSIERS: z.coerce.number().int().min(0).max(5_000_000).default(600),
  SEED_CITIZENS: z.coerce.number().int().min(1).max(5_000_000).default(240),
  /** Benchmarks: every seeded citizen (and so every dossier) in this circoscrizione. */
  SEED_CIRCOSCRIZIONE: z.coerce.number().int().min(1).max(8).optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(8 * 60),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Honour X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  TRUST_PROXY: bool.default(false),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
  /** How many MB of attachments one user may have stored (each file counts once per uploader). */
  ATTACHMENT_QUOTA_MB: z.coerce.number().int().min(1).max(100_000).default(200),
  /**
   * GDPR retention (docs/privacy.md): a social-services dossier is kept this many years after
   * it closed, then the daily purge erases its content (and the person once all theirs are).
   */
  PRIVACY_RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(10),
  /** Citizens' one-time login codes (see docs/security.md). */
  OTP_TTL_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  OTP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  OTP_MAX_CODES_PER_CF: z.coerce.number().int().min(1).default(5),
  OTP_MAX_CODES_PER_IP: z.coerce.number().int().min(1).default(30),
  OTP_WINDOW_MINUTES: z.coerce.number().int().min(1).default(60),
  /** SMTP, the production channel for login codes. Without SMTP_HOST no e-mail is sent. */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default('ICARO Comune di Palermo <no-reply@comune.palermo.example>'),
  /**
   * Demo mode for login codes: they go to the server log and the /demo/posta page. Off
   * unless asked for; by default on when the demo city is seeded and SMTP is not set.
   */
  DEMO_INBOX: bool.optional(),
});

export type Env = Omit<z.infer<typeof schema>, 'DEMO_INBOX'> & {
  allowedOrigins: string[];
  secureCookies: boolean;
  dbFile: string;
  /** Login codes are shown in the log and the demo inbox (never with real people). */
  demoInbox: boolean;
};

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const env = parsed.data;
  const allowedOrigins = env.PUBLIC_ORIGIN
    ? env.PUBLIC_ORIGIN.split(',')
        .map((o) => o.trim().replace(/\/$/, ''))
        .filter(Boolean)
    : [`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`];
  for (const origin of allowedOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) throw new Error(`Invalid configuration:\n  PUBLIC_ORIGIN: not an origin: ${origin}`);
  }
  if (env.SMTP_USER && !env.SMTP_PASSWORD) throw new Error('Invalid configuration:\n  SMTP_PASSWORD: required with SMTP_USER');
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    ...env,
    DATA_DIR: dataDir,
    allowedOrigins,
    secureCookies: allowedOrigins.every((o) => o.startsWith('https://')),
    dbFile: path.join(dataDir, 'icaro.sqlite'),
    demoInbox: env.DEMO_INBOX ?? (env.SEED_DEMO && !env.SMTP_HOST),
  };
}
