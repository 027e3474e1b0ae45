import nodemailer, { type Transporter } from 'nodemailer';
import type { Env } from '../env.ts';
import { loginCodeText, type LoginCodeMessage, type Notifier, type PlainMessage } from './notifier.ts';

type SmtpEnv = Pick<Env, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'SMTP_FROM'> & { SMTP_HOST: string };

/** The production channel: an e-mail through the city's SMTP relay. */
export class SmtpNotifier implements Notifier {
  readonly channel = 'smtp' as const;
  readonly #transport: Transporter;

  constructor(private readonly env: SmtpEnv) {
    this.#transport = nodemailer.createTransport({
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure: env.SMTP_SECURE,
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } : undefined,
      // A slow relay must not hold a login request open for minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async sendLoginCode(message: LoginCodeMessage): Promise<void> {
    if (!message.email) throw new Error('no_address');
    const { subject, text } = loginCodeText(message);
    await this.#transport.sendMail({ from: this.env.SMTP_FROM, to: message.email, subject, text });
  }

  async sendMessage(message: PlainMessage): Promise<void> {
    if (!message.email) throw new Error('no_address');
    await this.#transport.sendMail({ from: this.env.SMTP_FROM, to: message.email, subject: message.subject, text: message.text });
  }
}

/** No channel configured: citizens cannot get a code (the server says so in its log). */
export class NoNotifier implements Notifier {
  readonly channel = 'none' as const;
  sendLoginCode(): Promise<void> {
    return Promise.reject(new Error('no_channel'));
  }
  sendMessage(): Promise<void> {
    return Promise.reject(new Error('no_channel'));
  }
}
