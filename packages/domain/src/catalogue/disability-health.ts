/** Services for people with disabilities, and health-related help (sensitive). */
import type { CatalogueService } from '../catalogue-types.ts';
import { choice, date, ISEE_DOCUMENT, money, num, text, textarea, yesno } from './questions.ts';

const DISABILITY_VERBALE = 'Verbale di handicap (legge 104/1992) o di invalidità civile';

export const TRASPORTO_DISABILI: CatalogueService = {
  code: 'PA-DIS-01',
  version: 1,
  title: 'Trasporto per persone con disabilità',
  summary: 'Un mezzo attrezzato ti porta a scuola, al lavoro, alle terapie o al centro diurno.',
  description:
    'Il Comune organizza il trasporto con mezzi attrezzati, anche per chi usa la carrozzina, per andare a scuola, al lavoro, ai centri di riabilitazione e ai centri diurni di Palermo. Il servizio è gratuito.',
  whoCanApply: 'Persone con disabilità residenti a Palermo, con il verbale di handicap o di invalidità civile, che non possono usare i mezzi pubblici.',
  documents: [DISABILITY_VERBALE, 'Attestato della scuola, del centro o della terapia, con i giorni e gli orari'],
  iseeThresholdCents: null,
  termDays: 30,
  dayKind: 'calendar',
  siuss: 'A1.16',
  userArea: 'disabili',
  lifeSituations: ['disabilita'],
  sensitive: true,
  form: {
    version: 1,
    questions: [
      choice('destination', 'Dove devi andare?', [
        ['scuola', 'A scuola o all’università'],
        ['lavoro', 'Al lavoro'],
        ['terapia', 'A terapie o riabilitazione'],
        ['centro', 'A un centro diurno'],
      ]),
      text('destinationAddress', 'Qual è l’indirizzo del posto dove devi andare?', { maxLength: 200 }),
      num('daysPerWeek', 'Quanti giorni alla settimana?', { min: 1, max: 7 }),
      yesno('wheelchair', 'Usi la carrozzina?', { sensitive: true }),
      yesno('escort', 'Hai bisogno di un accompagnatore durante il viaggio?', { sensitive: true }),
    ],
  },
};

export const CENTRO_DIURNO_DISABILI: CatalogueService = {
  code: 'PA-DIS-02',
  version: 1,
  title: 'Centro diurno per persone con disabilità',
  summary: 'Un posto dove passare la giornata con attività, laboratori e compagnia.',
  description:
    'I centri diurni accolgono durante il giorno le persone adulte con disabilità: laboratori, attività per diventare più autonomi, sport, uscite e il pranzo insieme. Aiutano la persona a stare con gli altri e danno sollievo alla famiglia.',
  whoCanApply: 'Persone con disabilità dai 18 ai 64 anni, residenti a Palermo, con il verbale di handicap (legge 104/1992).',
  documents: [DISABILITY_VERBALE, 'Relazione del medico o del servizio sanitario che segue la persona'],
  iseeThresholdCents: null,
  termDays: 60,
  dayKind: 'calendar',
  siuss: 'A1.12',
  userArea: 'disabili',
  lifeSituations: ['disabilita'],
  sensitive: true,
  form: {
    version: 1,
    questions: [
      choice('disabilityKind', 'Che tipo di disabilità ha la persona?', [
        ['fisica', 'Fisica'],
        ['intellettiva', 'Intellettiva o relazionale'],
        ['sensoriale', 'Della vista o dell’udito'],
        ['plurima', 'Più di una'],
      ], { sensitive: true }),
      yesno('attendsOther', 'La persona frequenta già un altro centro o servizio?'),
      text('otherCentre', 'Quale centro o servizio frequenta?', { showIf: { questionId: 'attendsOther', equals: true }, maxLength: 150 }),
      yesno('needsTransport', 'Serve il trasporto per arrivare al centro?'),
      text('preferredCentre', 'C’è un centro che preferite?', { required: false, maxLength: 150 }),
      textarea('interests', 'Quali attività piacciono alla persona?', { required: false, maxLength: 1000 }),
    ],
  },
};

export const RIMBORSO_CURE_FUORI_COMUNE: CatalogueService = {
  code: 'PA-SAN-01',
  version: 1,
  title: 'Rimborso delle spese di viaggio per cure fuori Palermo',
  summary: 'Ti rimborsiamo una parte delle spese di viaggio e di alloggio per cure che non puoi fare a Palermo.',
  description:
    'Se devi curarti in un ospedale o in un centro fuori Palermo, perché quella cura in città non c’è, il Comune può rimborsarti una parte delle spese di viaggio e di alloggio, per te e per un accompagnatore. Conserva tutti i biglietti e le ricevute.',
  whoCanApply: 'Persone residenti a Palermo che si curano fuori comune su indicazione del medico, con un ISEE non superiore a 15.000 euro.',
  documents: [
    'Prescrizione o richiesta del medico specialista',
    'Attestato di ricovero o di cura rilasciato dalla struttura',
    'Biglietti di viaggio e ricevute dell’alloggio',
    ISEE_DOCUMENT,
  ],
  iseeThresholdCents: 15_000_00,
  termDays: 60,
  dayKind: 'calendar',
  siuss: 'A1.10',
  userArea: 'multiutenza',
  lifeSituations: ['salute', 'difficolta_economiche'],
  sensitive: true,
  form: {
    version: 1,
    questions: [
      text('treatmentPlace', 'In quale città e in quale struttura ti sei curato?', { sensitive: true, maxLength: 200 }),
      date('treatmentStart', 'Quando è iniziata la cura?', { sensitive: true }),
      money('travelCostCents', 'Quanto hai speso per i viaggi?', { min: 1_00, max: 20_000_00 }),
      money('lodgingCostCents', 'Quanto hai speso per dormire fuori?', {
        required: false,
        hint: 'Lascia vuoto se non hai speso niente.',
        max: 20_000_00,
      }),
      yesno('withEscort', 'Ti ha accompagnato qualcuno?'),
      money('escortCostCents', 'Quanto ha speso in tutto chi ti ha accompagnato?', {
        showIf: { questionId: 'withEscort', equals: true },
        max: 20_000_00,
      }),
    ],
  },
};
