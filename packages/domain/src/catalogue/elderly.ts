/**
 * Services for older people (user area: anziani). They are marked sensitive: asking
 * for them reveals a person's loss of autonomy or health.
 */
import type { CatalogueService } from '../catalogue-types.ts';
import { choice, date, money, phone, text, yesno } from './questions.ts';

export const ASSISTENZA_DOMICILIARE: CatalogueService = {
  code: 'PA-ANZ-01',
  version: 1,
  title: 'Assistenza domiciliare per anziani',
  summary: 'Un operatore viene a casa per aiutarti nelle faccende e nella cura di te.',
  description:
    'Con l’assistenza domiciliare (SAD) un operatore viene a casa tua alcune ore alla settimana: ti aiuta a lavarti e vestirti, a tenere pulita la casa, a fare la spesa e le commissioni, e ti fa compagnia. In base al tuo ISEE, potresti pagare una piccola parte del costo.',
  whoCanApply: 'Persone di 65 anni e più che vivono a Palermo e non riescono più a fare da sole alcune attività di ogni giorno.',
  documents: ['Attestazione ISEE socio-sanitaria in corso di validità', 'Certificato del medico di famiglia sulle condizioni di salute, se lo hai'],
  iseeThresholdCents: null,
  termDays: 60,
  dayKind: 'calendar',
  siuss: 'A2.07',
  userArea: 'anziani',
  lifeSituations: ['anziani'],
  sensitive: true,
  form: {
    version: 1,
    questions: [
      yesno('livesAlone', 'Vivi da solo o da sola?'),
      choice(
        'livesWith',
        'Chi vive con te?',
        [
          ['coniuge', 'Il marito o la moglie'],
          ['parenti', 'Figli o altri parenti'],
          ['badante', 'Una badante'],
          ['altro', 'Altre persone'],
        ],
        { showIf: { questionId: 'livesAlone', equals: false } },
      ),
      choice('mainNeed', 'In cosa ti serve più aiuto?', [
        ['igiene', 'Lavarmi e vestirmi'],
        ['casa', 'Pulire la casa e cucinare'],
        ['spesa', 'Fare la spesa e le commissioni'],
        ['compagnia', 'Compagnia, perché sono spesso solo'],
      ]),
      yesno('canGoOut', 'Riesci a uscire di casa senza aiuto?', { sensitive: true }),
      yesno('invalidity', 'Hai l’invalidità civile o l’indennità di accompagnamento?', { sensitive: true }),
      phone('trustedPhone', 'Qual è il numero di telefono di un familiare o di una persona di fiducia?', {
        required: false,
        hint: 'Lo chiameremo solo se non riusciamo a parlare con te.',
      }),
    ],
  },
};

export const ASSISTENZA_DOMICILIARE_INTEGRATA: CatalogueService = {
  code: 'PA-ANZ-02',
  version: 1,
  title: 'Assistenza domiciliare integrata (ADI)',
  summary: 'Cure mediche e aiuto a casa, insieme all’ASP, per chi non può uscire.',
  description:
    'L’ADI porta a casa le cure (medico, infermiere, fisioterapista) e l’aiuto sociale per le persone che non possono uscire. Il Comune e l’ASP di Palermo valutano insieme la tua situazione, di solito con una visita a casa, e preparano un piano di cura fatto per te.',
  whoCanApply:
    'Persone anziane o non autosufficienti che vivono a Palermo e, per malattia o disabilità, non possono uscire di casa. Di solito la richiesta parte dal medico di famiglia.',
  documents: ['Richiesta del medico di famiglia', 'Documenti sanitari recenti, come lettere di dimissione e referti'],
  iseeThresholdCents: null,
  termDays: 30,
  dayKind: 'calendar',
  siuss: 'A2.08',
  userArea: 'anziani',
  lifeSituations: ['anziani', 'salute'],
  sensitive: true,
  form: {
    version: 1,
    questions: [
      yesno('doctorRequested', 'Il medico di famiglia ha già chiesto l’ADI per te?'),
      text('doctorName', 'Come si chiama il tuo medico di famiglia?', { sensitive: true, maxLength: 120 }),
      yesno('recentHospital', 'Sei stato in ospedale nell’ultimo mese?', { sensitive: true }),
      date('dischargeDate', 'In che giorno sei uscito dall’ospedale?', { sensitive: true, showIf: { questionId: 'recentHospital', equals: true } }),
      yesno('bedridden', 'Passi a letto la maggior parte della giornata?', { sensitive: true }),
      phone('caregiverPhone', 'Qual è il numero di telefono del familiare che ti assiste?', { required: false }),
    ],
  },
};

export const RETTA_RESIDENZIALE: CatalogueService = {
  code: 'PA-ANZ-03',
  version: 1,
  title: 'Aiuto per pagare la retta di una casa di riposo',
  summary: 'Il Comune paga una parte della retta se la pensione non basta.',
  description:
    'Se una persona anziana vive, o deve entrare, in una casa di riposo o in una comunità alloggio autorizzata e i suoi redditi non bastano per la retta, il Comune può pagare la differenza. La persona contribuisce con la sua pensione, ma le resta una somma per le spese personali.',
  whoCanApply:
    'Persone di 65 anni e più, residenti a Palermo, che non possono più vivere a casa propria e non hanno redditi sufficienti per pagare la retta.',
  documents: [
    'Attestazione ISEE socio-sanitaria per le residenze, in corso di validità',
    'Contratto o preventivo della struttura con l’importo della retta',
    'Documenti della pensione e degli altri redditi',
    'Certificazione di non autosufficienza, se c’è',
  ],
  iseeThresholdCents: null,
  termDays: 90,
  dayKind: 'calendar',
  siuss: 'A1.14',
  userArea: 'anziani',
  lifeSituations: ['anziani'],
  sensitive: true,
  form: {
    version: 1,
    questions: [
      yesno('alreadyResident', 'La persona vive già nella struttura?'),
      date('admissionDate', 'Da quando vive nella struttura?', { showIf: { questionId: 'alreadyResident', equals: true } }),
      text('facilityName', 'Come si chiama la struttura?', { maxLength: 150 }),
      money('monthlyFeeCents', 'Quanto costa la retta ogni mese?', { min: 1_00, max: 10_000_00 }),
      money('monthlyIncomeCents', 'Quanto riceve la persona ogni mese, tra pensione e altri redditi?', { sensitive: true, max: 20_000_00 }),
      yesno('relativesContribute', 'Ci sono familiari che possono pagare una parte della retta?'),
    ],
  },
};
