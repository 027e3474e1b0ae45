/** First contact and services for poverty and adult hardship (user area: povertà). */
import type { CatalogueService } from '../catalogue-types.ts';
import { choice, date, ISEE_DOCUMENT, money, num, text, textarea, yesno } from './questions.ts';

export const PRIMO_ACCESSO: CatalogueService = {
  code: 'PA-ACC-01',
  version: 1,
  title: 'Primo incontro con il servizio sociale',
  summary: 'Chiedi un colloquio per capire quali aiuti puoi avere.',
  description:
    'Il segretariato sociale ascolta la tua situazione, ti spiega quali servizi e aiuti offrono il Comune e gli altri enti, e ti aiuta a fare le domande giuste. Un operatore ti contatta per fissare il colloquio.',
  whoCanApply: 'Chiunque vive a Palermo, anche per conto di un familiare.',
  documents: [],
  iseeThresholdCents: null,
  termDays: 30,
  dayKind: 'calendar',
  siuss: null,
  userArea: 'multiutenza',
  lifeSituations: ['primo_accesso'],
  sensitive: false,
  form: {
    version: 1,
    questions: [
      choice('topic', 'Per cosa ti serve aiuto?', [
        ['soldi', 'Non ho abbastanza soldi per vivere'],
        ['casa', 'Problemi con la casa o con l’affitto'],
        ['cura', 'Assistenza a una persona anziana o con disabilità'],
        ['figli', 'Difficoltà con i figli'],
        ['altro', 'Altro'],
      ]),
      text('topicOther', 'Di cosa hai bisogno?', { showIf: { questionId: 'topic', equals: 'altro' }, maxLength: 200 }),
      textarea('story', 'Vuoi raccontarci qualcosa di più?', {
        required: false,
        hint: 'Scrivi solo quello che vuoi. Ne parlerai comunque al colloquio.',
        maxLength: 1000,
      }),
      choice('meeting', 'Come preferisci fare il colloquio?', [
        ['ufficio', 'In ufficio'],
        ['telefono', 'Al telefono'],
        ['domicilio', 'A casa mia, perché non posso uscire'],
      ]),
      yesno('interpreter', 'Ti serve un interprete o un mediatore culturale?'),
      text('interpreterLanguage', 'In quale lingua?', { showIf: { questionId: 'interpreter', equals: true }, maxLength: 60 }),
    ],
  },
};

export const CONTRIBUTO_STRAORDINARIO: CatalogueService = {
  code: 'PA-POV-01',
  version: 1,
  title: 'Contributo economico straordinario',
  summary: 'Un aiuto in denaro, una sola volta, per una spesa urgente che non riesci a pagare.',
  description:
    'Il Comune può darti una somma di denaro, una sola volta, se la tua famiglia deve affrontare una spesa urgente e imprevista: ad esempio una bolletta, una spesa per la salute o una riparazione in casa. L’assistente sociale valuta la tua situazione e decide l’importo.',
  whoCanApply: 'Chi risiede a Palermo e ha un ISEE non superiore a 9.360 euro.',
  documents: [ISEE_DOCUMENT, 'Documenti della spesa urgente: bolletta, preventivo o fattura'],
  iseeThresholdCents: 9_360_00,
  termDays: 30,
  dayKind: 'calendar',
  siuss: 'A1.04',
  userArea: 'poverta',
  lifeSituations: ['difficolta_economiche'],
  sensitive: false,
  form: {
    version: 1,
    questions: [
      choice('reason', 'Per quale spesa chiedi il contributo?', [
        ['bollette', 'Bollette di luce, gas o acqua'],
        ['salute', 'Spese per la salute'],
        ['casa', 'Riparazioni urgenti in casa'],
        ['altro', 'Altra spesa'],
      ]),
      text('reasonOther', 'Quale spesa devi affrontare?', { showIf: { questionId: 'reason', equals: 'altro' }, maxLength: 200 }),
      money('amountCents', 'Di quanti soldi hai bisogno?', { hint: 'L’importo della spesa, in euro.', min: 1_00, max: 5_000_00 }),
      num('householdSize', 'Quante persone vivono con te, compreso te?', { min: 1, max: 20 }),
      yesno('otherSupport', 'Ricevi già altri aiuti economici, come l’Assegno di inclusione?'),
      text('otherSupportDetails', 'Quali aiuti ricevi?', {
        showIf: { questionId: 'otherSupport', equals: true },
        required: false,
        maxLength: 200,
      }),
    ],
  },
};

export const BUONI_SPESA: CatalogueService = {
  code: 'PA-POV-02',
  version: 1,
  title: 'Buoni spesa e aiuti alimentari',
  summary: 'Buoni per fare la spesa, o un pacco di alimenti, per la tua famiglia.',
  description:
    'Se non riesci a comprare da mangiare, il Comune ti dà buoni spesa da usare nei negozi convenzionati, oppure ti indica il punto del banco alimentare più vicino a casa tua, dove ritirare un pacco di alimenti.',
  whoCanApply: 'Famiglie residenti a Palermo con un ISEE non superiore a 6.000 euro.',
  documents: [ISEE_DOCUMENT],
  iseeThresholdCents: 6_000_00,
  termDays: 30,
  dayKind: 'calendar',
  siuss: 'A1.06',
  userArea: 'poverta',
  lifeSituations: ['difficolta_economiche'],
  sensitive: false,
  form: {
    version: 1,
    questions: [
      num('householdSize', 'Quante persone vivono con te, compreso te?', { min: 1, max: 20 }),
      yesno('babies', 'In famiglia ci sono bambini sotto i 3 anni?', { hint: 'Per loro possiamo dare latte e pannolini.' }),
      choice('preference', 'Cosa preferisci ricevere?', [
        ['buoni', 'Buoni spesa da usare nei negozi'],
        ['pacco', 'Un pacco di alimenti'],
        ['indifferente', 'Va bene tutto'],
      ]),
      yesno('specialDiet', 'Qualcuno in famiglia deve seguire una dieta particolare?'),
      text('specialDietDetails', 'Quale dieta?', {
        sensitive: true,
        showIf: { questionId: 'specialDiet', equals: true },
        hint: 'Ad esempio: senza glutine, per diabetici, senza carne di maiale.',
        maxLength: 200,
      }),
    ],
  },
};

export const CONTRIBUTO_AFFITTO: CatalogueService = {
  code: 'PA-POV-03',
  version: 1,
  title: 'Contributo per l’affitto e per la morosità incolpevole',
  summary: 'Un aiuto per pagare l’affitto, anche se sei rimasto indietro con i pagamenti non per colpa tua.',
  description:
    'Se hai un contratto d’affitto regolare e non riesci più a pagarlo perché hai perso il lavoro, ti hanno ridotto lo stipendio, ti sei ammalato o è cambiata la tua famiglia, puoi chiedere un contributo. Se hai già ricevuto uno sfratto, il contributo può aiutarti a restare in casa o a trovarne un’altra.',
  whoCanApply: 'Chi abita a Palermo in affitto, con contratto registrato, e ha un ISEE non superiore a 26.000 euro.',
  documents: [
    'Contratto di affitto registrato',
    ISEE_DOCUMENT,
    'Ricevute degli ultimi affitti pagati',
    'Documenti che mostrano la perdita o la riduzione del reddito',
    'Atto di sfratto, se lo hai ricevuto',
  ],
  iseeThresholdCents: 26_000_00,
  termDays: 60,
  dayKind: 'calendar',
  siuss: 'A1.05',
  userArea: 'poverta',
  lifeSituations: ['casa', 'difficolta_economiche'],
  sensitive: false,
  form: {
    version: 1,
    questions: [
      money('monthlyRentCents', 'Quanto paghi di affitto ogni mese?', { min: 1_00, max: 3_000_00 }),
      num('monthsInArrears', 'Quante mensilità di affitto non sei riuscito a pagare?', {
        hint: 'Scrivi 0 se sei in regola con i pagamenti.',
        min: 0,
        max: 60,
      }),
      choice('cause', 'Perché non riesci a pagare l’affitto?', [
        ['lavoro', 'Ho perso il lavoro'],
        ['reddito', 'Il mio reddito si è ridotto'],
        ['salute', 'Malattia grave o infortunio'],
        ['famiglia', 'Separazione o morte di un familiare'],
        ['altro', 'Altro motivo'],
      ]),
      yesno('eviction', 'Hai ricevuto un atto di sfratto?'),
      date('evictionDate', 'In che giorno ti è stato notificato lo sfratto?', {
        showIf: { questionId: 'eviction', equals: true },
        required: false,
      }),
      yesno('publicHousing', 'La casa in cui abiti è una casa popolare?'),
    ],
  },
};

export const MENSA_SOCIALE: CatalogueService = {
  code: 'PA-POV-04',
  version: 1,
  title: 'Mensa sociale',
  summary: 'Un pasto caldo ogni giorno in una mensa vicino a te.',
  description:
    'Le mense sociali del Comune e delle associazioni convenzionate offrono un pasto caldo gratuito a chi è in difficoltà. Ti indichiamo la mensa più vicina e i suoi orari.',
  whoCanApply: 'Persone in grave difficoltà economica o senza casa che vivono a Palermo, anche senza residenza.',
  documents: ['Un documento di identità, se ne hai uno'],
  iseeThresholdCents: null,
  termDays: 30,
  dayKind: 'calendar',
  siuss: 'A2.01',
  userArea: 'poverta',
  lifeSituations: ['difficolta_economiche', 'casa'],
  sensitive: false,
  form: {
    version: 1,
    questions: [
      yesno('homeless', 'In questo momento sei senza una casa?'),
      choice(
        'sleepingPlace',
        'Dove dormi di solito?',
        [
          ['strada', 'In strada'],
          ['dormitorio', 'In un dormitorio o centro di accoglienza'],
          ['ospite', 'Da amici o parenti'],
          ['altro', 'Altrove'],
        ],
        { showIf: { questionId: 'homeless', equals: true }, required: false },
      ),
      choice('meals', 'Di quali pasti hai bisogno?', [
        ['pranzo', 'Pranzo'],
        ['cena', 'Cena'],
        ['entrambi', 'Pranzo e cena'],
      ]),
      text('dietaryNeeds', 'Hai bisogno di un pasto particolare?', {
        sensitive: true,
        required: false,
        hint: 'Ad esempio: senza carne di maiale, senza glutine, per diabetici.',
        maxLength: 200,
      }),
    ],
  },
};
