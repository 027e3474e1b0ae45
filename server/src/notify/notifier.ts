/**
 * How a one-time login code reaches a citizen. The auth service knows only this
 * interface; the channel is chosen once, in the composition root, from env.
 * SPID/CIE will not need it: there the identity provider authenticates the person.
 */
export interface LoginCodeMessage {
  /** Who it is for: ids and a display name, never the codice fiscale. */
  personId: string;
  displayName: string;
  /** The address on file, or null when the person gave none. */
  email: string | null;
  code: string;
  expiresAt: number;
}

/** Any other message to a person (e.g. the albo's notices): the words are the caller's. */
export interface PlainMessage {
  /** What it is about, for the log: a kind and an id, never personal data. */
  kind: string;
  ref: string;
  displayName: string;
  email: string | null;
  subject: string;
  text: string;
}

export interface Notifier {
  /** 'demo' shows codes in the log and the demo inbox; 'smtp' sends e-mail; 'none' cannot deliver. */
  readonly channel: 'demo' | 'smtp' | 'none';
  /** Resolves when the message is handed over; rejects when it could not be. */
  sendLoginCode(message: LoginCodeMessage): Promise<void>;
  /** Resolves when the message is handed over; rejects when it could not be. */
  sendMessage(message: PlainMessage): Promise<void>;
}

/** The words of the message, shared by every channel. */
export function loginCodeText(message: LoginCodeMessage): { subject: string; text: string } {
  const time = new Intl.DateTimeFormat('it-IT', { timeStyle: 'short', timeZone: 'Europe/Rome' }).format(message.expiresAt);
  return {
    subject: `Il tuo codice per entrare in ICARO: ${message.code}`,
    text: [
      `Buongiorno ${message.displayName},`,
      '',
      `il codice per entrare in ICARO, i servizi sociali del Comune di Palermo, è: ${message.code}`,
      '',
      `Vale fino alle ${time} e si può usare una volta sola.`,
      'Non darlo a nessuno: il Comune non te lo chiederà mai al telefono.',
      'Se non hai chiesto tu di entrare, ignora questo messaggio.',
    ].join('\n'),
  };
}
