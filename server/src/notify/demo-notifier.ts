import type { Logger } from '../logger.ts';
import type { LoginCodeMessage, Notifier, PlainMessage } from './notifier.ts';

export interface DemoInboxEntry {
  displayName: string;
  code: string;
  sentAt: number;
  expiresAt: number;
}

const KEEP = 20;

/**
 * Demo mode only (synthetic people): the code goes to the server log and to an
 * in-memory inbox that /demo/posta shows. Nothing here runs when demo mode is off.
 */
export class DemoNotifier implements Notifier {
  readonly channel = 'demo' as const;
  readonly #entries: DemoInboxEntry[] = [];

  constructor(
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  sendLoginCode(message: LoginCodeMessage): Promise<void> {
    this.#entries.unshift({ displayName: message.displayName, code: message.code, sentAt: this.now(), expiresAt: message.expiresAt });
    this.#entries.length = Math.min(this.#entries.length, KEEP);
    this.log.info('demo login code', { personId: message.personId, code: message.code });
    return Promise.resolve();
  }

  /** Other messages go to the log only (ids and the subject; demo data is synthetic). */
  sendMessage(message: PlainMessage): Promise<void> {
    this.log.info('demo message', { kind: message.kind, ref: message.ref, subject: message.subject });
    return Promise.resolve();
  }

  /** The latest messages first. */
  inbox(): DemoInboxEntry[] {
    return this.#entries.map((e) => ({ ...e }));
  }
}
