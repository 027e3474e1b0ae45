import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { DemoNotifier } from './demo-notifier.ts';
import type { Notifier } from './notifier.ts';
import { NoNotifier, SmtpNotifier } from './smtp-notifier.ts';

/** Picks the channel for login codes from env: demo mode, else SMTP, else none. */
export function createNotifier(env: Env, log: Logger): Notifier {
  if (env.demoInbox) {
    log.info('login codes in demo mode: shown in the log and at /demo/posta');
    return new DemoNotifier(log);
  }
  if (env.SMTP_HOST) return new SmtpNotifier({ ...env, SMTP_HOST: env.SMTP_HOST });
  log.error('no channel for login codes: set SMTP_HOST, or DEMO_INBOX=true for a demo');
  return new NoNotifier();
}
