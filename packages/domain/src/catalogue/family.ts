/** Services for families and minors (user area: famiglia e minori). */
import type { CatalogueService } from '../catalogue-types.ts';
import { choice, date, ISEE_DOCUMENT, money, num, text, textarea, yesno } from './questions.ts';

export const FAMIGLIE_NUMEROSE: CatalogueService = {
  code: 'PA-FAM-01',
  version: 1,
  title: 'Contributo per le famiglie numerose',
  summary: 'Un aiuto in denaro per le famiglie con almeno quattro figli.',
  description:
    'Le famiglie con quattro o più figli a carico possono ricevere un contributo in denaro per le spese di ogni giorno, come scuola, libri, vestiti e trasporti.',
  whoCanApply: 'Famiglie residenti a Palermo con almeno 4 figli a carico sotto i 26 anni e un ISEE non superiore a 10.000 euro.',
  documents: [ISEE_DOCUMENT, 'Per i figli con disabilità: verbale di invalidità o di handicap (legge 104/1992)'],
  iseeThresholdCents: 10_000_00,
  termDays: 60,
  dayKind: 'calendar',
  siuss: 'A1.04',
  userArea: 'famiglia_minori',
  lifeSituations: ['famiglia', 'difficolta_economiche'],
  sensitive: false,
  form: {
    version: 1,
    questions: [
      num('childrenCount', 'Quanti figli hai a carico?', { hint: 'Conta i figli che vivono con te e hanno meno di 26 anni.', min: 4, max: 20 }),
      date('youngestBirthDate', 'Quando è nato il figlio più piccolo?'),
      yesno('disabledChild', 'Uno dei tuoi figli ha una disabilità?', { sensitive: true }),
      num('disabledChildrenCount', 'Quanti dei tuoi figli hanno una disabilità?', {
        sensitive: true,
        showIf: { questionId: 'disabledChild', equals: true },
        min: 1,
        max: 20,
      }),
      yesno('singleParent', 'Cresci i figli senza l’altro genitore?'),
    ],
  },
};

export const ASSEGNO_MATERNITA: CatalogueService = {
  code: 'PA-FAM-02',
  version: 1,
  title: 'Assegno di maternità dei Comuni',
  summary: 'Un assegno per le mamme che non hanno l’indennità di maternità dal lavoro, o la hanno molto bassa.',
  description:
    'È un assegno per ogni figlio nato, adottato o in affido preadottivo: lo concede il Comune e lo paga l’INPS. Spetta alle mamme che non ricevono l’indennità di maternità dal lavoro; chi la riceve ma di importo più basso ha diritto alla differenza. La domanda va fatta entro 6 mesi dalla nascita o dall’arrivo del bambino in famiglia.',
  whoCanApply:
    'Mamme residenti a Palermo, cittadine italiane, dell’Unione europea o straniere con permesso di soggiorno di lungo periodo o altro titolo previsto dalla legge, con un ISEE non superiore a 20.382,90 euro.',
  documents: [
    'Attestazione ISEE in corso di validità, con il bambino nel nucleo familiare',
    'Per le cittadine straniere: permesso di soggiorno',
    'Per l’adozione o l’affido: provvedimento del tribunale',
    'Se lavori: dichiarazione del datore di lavoro sull’indennità di maternità ricevuta',
  ],
  iseeThresholdCents: 20_382_90,
  termDays: 30,
  dayKind: 'calendar',
  siuss: 'A1.02',
  userArea: 'famiglia_minori',
  lifeSituations: ['famiglia'],
  sensitive: false,
  form: {
    version: 1,
    questions: [
      choice('event', 'Il bambino è nato da te o è arrivato con un’adozione o un affido?', [
        ['nascita', 'È nato da me'],
        ['adozione', 'Adozione o affido preadottivo'],
      ]),
      date('childBirthDate', 'Quando è nato il bambino?'),
      date('arrivalDate', 'Quando è arrivato il bambino nella tua famiglia?', { showIf: { questionId: 'event', equals: 'adozione' } }),
      yesno('multipleBirth', 'Sono nati o arrivati più bambini insieme?', { hint: 'Ad esempio gemelli.' }),
      num('childrenCount', 'Quanti bambini?', { showIf: { questionId: 'multipleBirth', equals: true }, min: 2, max: 6 }),
      yesno('maternityPay', 'Ricevi un’indennità di maternità dal lavoro o dall’INPS?'),
      money('maternityPayCents', 'Qual è l’importo totale dell’indennità di maternità?', {
        showIf: { questionId: 'maternityPay', equals: true },
        min: 1_00,
        max: 50_000_00,
      }),
    ],
  },
};

export const EDUCATIVA_DOMICILIARE: CatalogueService = {
  code: 'PA-MIN-01',
  version: 1,
  title: 'Educatore a domicilio per bambini e ragazzi',
  summary: 'Un educatore viene a casa per aiutare i figli e i genitori nei momenti difficili.',
  description:
    'Un educatore segue i bambini e i ragazzi a casa e nel quartiere per alcune ore alla settimana: li aiuta nello studio, nelle relazioni e nel tempo libero, e sostiene i genitori. Il servizio è gratuito e dura il tempo stabilito nel progetto concordato con l’assistente sociale.',
  whoCanApply: 'Famiglie residenti a Palermo, con figli minorenni, che attraversano un momento di difficoltà.',
  documents: ['Relazioni della scuola, del pediatra o di altri servizi che seguono il bambino, se ci sono'],
  iseeThresholdCents: null,
  termDays: 60,
  dayKind: 'calendar',
  siuss: 'A2.02',
  userArea: 'famiglia_minori',
  lifeSituations: ['famiglia'],
  sensitive: true,
  form: {
    version: 1,
    questions: [
      num('childrenCount', 'Per quanti figli chiedi aiuto?', { min: 1, max: 15 }),
      choice('youngestAge', 'Quanti anni ha il più piccolo di loro?', [
        ['0-5', 'Da 0 a 5 anni'],
        ['6-10', 'Da 6 a 10 anni'],
        ['11-13', 'Da 11 a 13 anni'],
        ['14-17', 'Da 14 a 17 anni'],
      ]),
      choice('mainNeed', 'In cosa vi serve più aiuto?', [
        ['scuola', 'Lo studio e la frequenza a scuola'],
        ['relazioni', 'Il comportamento e le relazioni con gli altri'],
        ['genitori', 'Il sostegno a noi genitori'],
        ['altro', 'Altro'],
      ]),
      yesno('schoolAbsence', 'Il ragazzo ha smesso di andare a scuola, o ci va poco?', {
        showIf: { questionId: 'mainNeed', equals: 'scuola' },
      }),
      yesno('otherServices', 'La famiglia è già seguita da altri servizi?', {
        hint: 'Ad esempio neuropsichiatria infantile, consultorio familiare, tribunale per i minorenni.',
      }),
      text('otherServicesDetails', 'Da quali servizi?', {
        showIf: { questionId: 'otherServices', equals: true },
        required: false,
        maxLength: 200,
      }),
      textarea('notes', 'C’è altro che vuoi dirci?', { required: false, maxLength: 1000 }),
    ],
  },
};

export const RETTA_ASILO_NIDO: CatalogueService = {
  code: 'PA-MIN-02',
  version: 1,
  title: 'Aiuto per pagare l’asilo nido',
  summary: 'Il Comune paga una parte della retta mensile dell’asilo nido.',
  description:
    'Se tuo figlio frequenta un asilo nido privato autorizzato, il Comune può pagare una parte della retta mensile, in base al tuo ISEE. Il contributo si aggiunge al Bonus asili nido dell’INPS, ma insieme non possono superare quanto spendi.',
  whoCanApply: 'Genitori residenti a Palermo con un figlio da 3 a 36 mesi iscritto a un asilo nido, con un ISEE non superiore a 25.000 euro.',
  documents: [
    'Attestazione ISEE per prestazioni rivolte ai minorenni',
    'Ricevuta di iscrizione all’asilo nido',
    'Ricevute delle rette pagate',
    'Domanda o accoglimento del Bonus asili nido INPS, se lo hai chiesto',
  ],
  iseeThresholdCents: 25_000_00,
  termDays: 30,
  dayKind: 'calendar',
  siuss: 'A1.07',
  userArea: 'famiglia_minori',
  lifeSituations: ['famiglia'],
  sensitive: true,
  form: {
    version: 1,
    questions: [
      date('childBirthDate', 'Quando è nato il bambino?'),
      text('nurseryName', 'Come si chiama l’asilo nido?', { maxLength: 120 }),
      money('monthlyFeeCents', 'Quanto costa la retta ogni mese?', { min: 1_00, max: 1_500_00 }),
      yesno('inpsBonus', 'Hai chiesto il Bonus asili nido all’INPS?'),
      money('inpsBonusMonthlyCents', 'Quanto ricevi ogni mese dall’INPS?', {
        showIf: { questionId: 'inpsBonus', equals: true },
        required: false,
        hint: 'Se non lo sai ancora, lascia vuoto.',
        max: 1_500_00,
      }),
    ],
  },
};
