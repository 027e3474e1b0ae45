/** The words of the albo's notices to professionals (Italian, plain). */
export type AlboMessageKind = 'received' | 'info_requested' | 'approved' | 'rejected' | 'reminder' | 'delisted';

function day(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
}

export function alboMessage(
  kind: AlboMessageKind,
  p: { name: string; expiresOn: string | null; code?: string; note?: string | null },
): { subject: string; text: string } {
  const hello = `Buongiorno ${p.name},`;
  const sign = ['', 'Comune di Palermo, servizi sociali (ICARO)'];
  switch (kind) {
    case 'received':
      return {
        subject: "Abbiamo ricevuto la tua domanda per l'albo dei professionisti",
        text: [
          hello,
          '',
          "abbiamo ricevuto la tua domanda di iscrizione all'albo dei professionisti.",
          `Il tuo codice per seguire la domanda è: ${p.code ?? ''}`,
          'Usalo nella pagina "Segui la tua domanda" per vedere a che punto è e per rispondere se ti chiediamo altro.',
          ...sign,
        ].join('\n'),
      };
    case 'info_requested':
      return {
        subject: "Domanda per l'albo: ci serve qualcosa in più",
        text: [
          hello,
          '',
          "per completare la tua domanda per l'albo ci serve:",
          p.note ?? '',
          '',
          'Rispondi dalla pagina "Segui la tua domanda", con il tuo codice.',
          ...sign,
        ].join('\n'),
      };
    case 'approved':
      return {
        subject: "Sei iscritto all'albo dei professionisti",
        text: [
          hello,
          '',
          `la tua iscrizione all'albo dei professionisti è approvata. Vale fino al ${day(p.expiresOn)}.`,
          'Per entrare in ICARO usa "Accedi con il codice fiscale": ti mandiamo un codice a questo indirizzo.',
          ...sign,
        ].join('\n'),
      };
    case 'rejected':
      return {
        subject: "Domanda per l'albo non accolta",
        text: [hello, '', 'la tua domanda non è stata accolta, per questo motivo:', p.note ?? '', ...sign].join('\n'),
      };
    case 'reminder':
      return {
        subject: "La tua iscrizione all'albo sta per scadere",
        text: [
          hello,
          '',
          `la tua iscrizione all'albo dei professionisti scade il ${day(p.expiresOn)}.`,
          'Entra in ICARO e chiedi il rinnovo dalla tua pagina.',
          ...sign,
        ].join('\n'),
      };
    case 'delisted':
      return {
        subject: "La tua iscrizione all'albo è scaduta",
        text: [
          hello,
          '',
          `la tua iscrizione all'albo è scaduta il ${day(p.expiresOn)}.`,
          'Per iscriverti di nuovo, fai una nuova domanda.',
          ...sign,
        ].join('\n'),
      };
  }
}
