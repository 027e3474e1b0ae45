/**
 * The demo's third sector: directory data for the associations, one more association
 * still waiting for the city's approval, the association accounts, and a year of needs
 * reports. Runs after the rest of the seed with its own random stream, so the city the
 * other seed steps build stays the same.
 */
import { eq } from 'drizzle-orm';
import { NEED_KINDS, PEOPLE_BANDS, URGENCIES, officeForCircoscrizione, type NeedKind, type Role, type UserArea } from '@icaro/domain';
import type { Db } from '../db/client.ts';
import { associations, users } from '../db/schema.ts';
import type { Repositories } from '../repositories/index.ts';
import { hashPassword } from '../services/passwords.ts';
import { uuidv7At } from './ids.ts';
import { Random } from './random.ts';
import { DEMO_PASSWORD } from './users.ts';
import type { PublicAssociation } from '../services/associations.service.ts';

const DAY = 86_400_000;

type DemoAssociationDetails = Omit<PublicAssociation, 'name' | 'runtsNumber'>;

/** Synthetic: the names, numbers and addresses belong to no real body. */
export const DEMO_ASSOCIATION_DETAILS: readonly DemoAssociationDetails[] = [
  {
    id: 'ASS-01',
    description: 'Centro d’ascolto e banco alimentare: aiuta a chiedere buoni spesa, contributi e il posto alla mensa sociale.',
    userAreas: ['poverta', 'famiglia_minori'],
    circoscrizioni: [1, 2],
    serviceCodes: ['PA-ACC-01', 'PA-POV-01', 'PA-POV-02', 'PA-POV-04', 'PA-FAM-01'],
    address: 'Via della Vetriera 12, 90133 Palermo',
    phone: '091 000 1101',
    email: 'sportello@solidarieta-kalsa.example',
    website: 'https://solidarieta-kalsa.example',
    openingHours: 'Lunedì, mercoledì e venerdì 9:00–13:00; giovedì 15:00–18:00',
  },
  {
    id: 'ASS-02',
    description: 'Cooperativa sociale per anziani e persone con disabilità: assistenza a domicilio, trasporto, pratiche per il centro diurno.',
    userAreas: ['anziani', 'disabili'],
    circoscrizioni: [3, 4, 5],
    serviceCodes: ['PA-ANZ-01', 'PA-ANZ-02', 'PA-ANZ-03', 'PA-DIS-01', 'PA-DIS-02'],
    address: 'Corso Calatafimi 210, 90129 Palermo',
    phone: '091 000 2202',
    email: 'info@borgoinsieme.example',
    website: null,
    openingHours: 'Dal lunedì al venerdì 8:30–14:00',
  },
  {
    id: 'ASS-03',
    description: 'Ascolto e accompagnamento per famiglie con minori e per chi rischia lo sfratto; doposcuola.',
    userAreas: ['famiglia_minori', 'poverta', 'multiutenza'],
    circoscrizioni: [2, 6, 7, 8],
    serviceCodes: ['PA-ACC-01', 'PA-POV-03', 'PA-FAM-02', 'PA-MIN-01', 'PA-MIN-02', 'PA-SAN-01'],
    address: 'Via Oreto 88, 90127 Palermo',
    phone: '091 000 3303',
    email: 'ascolto@oreto-odv.example',
    website: 'https://oreto-odv.example',
    openingHours: 'Martedì e giovedì 9:30–12:30 e 16:00–19:00',
  },
];

/** Registered but not yet approved: its operator's filings are refused until admin.demo approves it. */
export const PENDING_ASSOCIATION = {
  id: 'ASS-04',
  name: 'Rete Solidale Zen APS',
  runtsNumber: 'RUNTS-000404',
  description: 'Sportello di quartiere per famiglie e giovani.',
  userAreas: ['famiglia_minori'] as UserArea[],
  circoscrizioni: [7],
  serviceCodes: ['PA-ACC-01', 'PA-MIN-01'],
  address: 'Via Rocky Marciano 5, 90147 Palermo',
  phone: '091 000 4404',
  email: 'info@retesolidalezen.example',
  website: null,
  openingHours: 'Lunedì e mercoledì 15:00–18:00',
};

export const ASSOCIATION_DEMO_USERS: readonly { username: string; displayName: string; role: Role; associationId: string }[] = [
  { username: 'admin.ass01', displayName: 'Francesca Lo Bue', role: 'association_admin', associationId: 'ASS-01' },
  { username: 'operatore.a4', displayName: 'Davide Messina', role: 'association_operator', associationId: 'ASS-04' },
];

const DESCRIPTIONS: Record<NeedKind, string> = {
  cibo: 'Famiglie che chiedono pacchi alimentari più spesso del solito, soprattutto a fine mese.',
  casa: 'Più nuclei con difficoltà a pagare l’affitto e avvisi di sfratto.',
  reddito: 'Lavoratori stagionali senza entrate nei mesi invernali.',
  lavoro: 'Giovani che cercano orientamento al lavoro e non sanno a chi rivolgersi.',
  cura_domiciliare: 'Anziani soli che non riescono più a fare la spesa e a curare la casa.',
  salute: 'Persone che rinunciano a visite e farmaci per i costi.',
  scuola: 'Bambini che non frequentano con regolarità, famiglie senza materiale scolastico.',
  mobilita: 'Persone con disabilità senza trasporto verso i centri diurni.',
  solitudine: 'Anziani che vivono soli e non escono di casa da settimane.',
  altro: 'Bisogni diversi segnalati allo sportello.',
};

export async function seedAssociations(db: Db, repos: Repositories, now: number, seed = 6): Promise<void> {
  const random = new Random(seed);
  const hash = await hashPassword(DEMO_PASSWORD);
  const at = new Date(now).toISOString();
  const lists = (d: DemoAssociationDetails) => ({
    ...d,
    userAreas: JSON.stringify(d.userAreas),
    circoscrizioni: JSON.stringify(d.circoscrizioni),
    serviceCodes: JSON.stringify(d.serviceCodes),
  });
  db.transaction(() => {
    for (const d of DEMO_ASSOCIATION_DETAILS) {
      const { id, ...details } = lists(d);
      db.update(associations).set({ ...details, approvedAt: at, approvedBy: null }).where(eq(associations.id, id)).run();
    }
    repos.associations.insert({ ...lists(PENDING_ASSOCIATION), name: PENDING_ASSOCIATION.name, runtsNumber: PENDING_ASSOCIATION.runtsNumber, approved: false });
    ASSOCIATION_DEMO_USERS.forEach((u, i) => {
      db.insert(users)
        .values({ id: uuidv7At(now - 800 * DAY + i, random), ...u, passwordHash: hash, createdAt: at })
        .run();
    });
  });

  // A year of reports from the approved associations' operators, in the areas they serve.
  const filers = db.select({ id: users.id, associationId: users.associationId }).from(users).where(eq(users.role, 'association_operator')).all();
  db.transaction(() => {
    for (let i = 0; i < 90; i++) {
      const details = random.pick(DEMO_ASSOCIATION_DETAILS);
      const filer = filers.find((f) => f.associationId === details.id);
      if (!filer) continue;
      const received = now - random.int(1, 360) * DAY - random.int(0, DAY - 1);
      const circoscrizione = random.pick(details.circoscrizioni);
      const need = random.pick(NEED_KINDS);
      const officeId = officeForCircoscrizione(circoscrizione).id;
      const id = uuidv7At(received, random);
      const receivedAt = new Date(received).toISOString();
      repos.needs.insert({
        id,
        associationId: details.id,
        filedBy: filer.id,
        circoscrizione,
        officeId,
        userArea: random.pick(details.userAreas),
        need,
        peopleBand: random.pick(PEOPLE_BANDS),
        urgency: random.pick(URGENCIES),
        description: DESCRIPTIONS[need],
        observedOn: new Date(received - random.int(0, 5) * DAY).toISOString().slice(0, 10),
        submittedAt: receivedAt,
        receivedAt,
      });
      repos.sync.appendChange('needs_report', id, 'put', { officeId, associationId: details.id, personId: null }, receivedAt);
    }
  });
}
