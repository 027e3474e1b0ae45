/**
 * The demo's albo of professionals (issue 6 §2): three listed professionals, one of them
 * near the end of their listing, and one application waiting for review. Synthetic people
 * with valid codici fiscali; they sign in with the codice fiscale and a one-time code.
 */
import crypto from 'node:crypto';
import {
  alboExpiry,
  alboReminderDay,
  encodeCodiceFiscale,
  palermoDay,
  type AlboLanguage,
  type AlboPublishable,
  type UserArea,
} from '@icaro/domain';
import type { Db } from '../db/client.ts';
import type { Repositories } from '../repositories/index.ts';
import { uuidv7At } from './ids.ts';
import { Random } from './random.ts';

const DAY = 86_400_000;

interface DemoProfessional {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: 'M' | 'F';
  qualification: string;
  professionalOrder: string;
  registrationNumber: string;
  description: string;
  userAreas: UserArea[];
  languages: AlboLanguage[];
  circoscrizioni: number[];
  associationIds: string[];
  publish: AlboPublishable[];
  /** Days since approval; null for an application still waiting. */
  listedDaysAgo: number | null;
}

export const DEMO_PROFESSIONALS: readonly DemoProfessional[] = [
  {
    givenName: 'Samira',
    familyName: 'Bentivegna',
    birthDate: '1984-03-12',
    sex: 'F',
    qualification: 'Mediatrice interculturale',
    professionalOrder: 'Registro regionale dei mediatori interculturali',
    registrationNumber: 'MI-0412',
    description: 'Accompagna famiglie straniere agli uffici e traduce nei colloqui con i servizi sociali.',
    userAreas: ['famiglia_minori', 'poverta'],
    languages: ['it', 'ar', 'fr'],
    circoscrizioni: [1, 2],
    associationIds: ['ASS-01'],
    publish: ['email', 'languages', 'userAreas', 'circoscrizioni', 'associations'],
    listedDaysAgo: 200,
  },
  {
    givenName: 'Giacomo',
    familyName: 'Lo Presti',
    birthDate: '1977-09-30',
    sex: 'M',
    qualification: 'Psicologo',
    professionalOrder: 'Ordine degli Psicologi della Regione Siciliana',
    registrationNumber: 'PSI-7781',
    description: 'Sostegno psicologico ad anziani soli e ai loro familiari.',
    userAreas: ['anziani', 'disabili'],
    languages: ['it', 'en'],
    circoscrizioni: [3, 4, 5],
    associationIds: ['ASS-02'],
    publish: ['phone', 'languages', 'userAreas', 'circoscrizioni'],
    listedDaysAgo: 400,
  },
  {
    givenName: 'Carmela',
    familyName: 'Vitrano',
    birthDate: '1969-05-04',
    sex: 'F',
    qualification: 'Educatrice professionale',
    professionalOrder: 'Albo degli educatori professionali',
    registrationNumber: 'EDU-0907',
    description: 'Educativa di strada e lingua dei segni per ragazzi sordi e le loro famiglie.',
    userAreas: ['famiglia_minori', 'disabili'],
    languages: ['it', 'lis', 'es'],
    circoscrizioni: [6, 7, 8],
    associationIds: [],
    publish: ['email', 'phone', 'languages', 'userAreas', 'circoscrizioni'],
    // Listed two years ago less 20 days: the listing runs out in about three weeks.
    listedDaysAgo: 710,
  },
  {
    givenName: 'Ibrahima',
    familyName: 'Sciortino',
    birthDate: '1990-11-21',
    sex: 'M',
    qualification: 'Mediatore linguistico',
    professionalOrder: 'Registro regionale dei mediatori interculturali',
    registrationNumber: 'MI-0977',
    description: 'Mediazione linguistica per minori stranieri non accompagnati.',
    userAreas: ['famiglia_minori'],
    languages: ['it', 'fr', 'wo', 'ff'],
    circoscrizioni: [1],
    associationIds: ['ASS-01'],
    publish: ['email', 'languages', 'userAreas', 'circoscrizioni', 'associations'],
    listedDaysAgo: null,
  },
];

/** The follow-up code of the demo's pending application (demo only). */
export const DEMO_ALBO_ACCESS_CODE = 'ALBO-DEMO-2026';

export function demoProfessionalCf(p: DemoProfessional): string {
  return encodeCodiceFiscale({ familyName: p.familyName, givenName: p.givenName, birthDate: p.birthDate, sex: p.sex, belfiore: 'G273' });
}

export function seedAlbo(db: Db, repos: Repositories, now: number): void {
  const random = new Random(6_002);
  const hash = (code: string) => crypto.createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('base64url');
  db.transaction(() => {
    for (const p of DEMO_PROFESSIONALS) {
      const cf = demoProfessionalCf(p);
      const submitted = now - ((p.listedDaysAgo ?? 0) + 10) * DAY;
      const id = uuidv7At(submitted, random);
      const email = `${p.givenName}.${p.familyName}`.toLowerCase().replace(/\s+/g, '') + '@professionisti.example';
      const phone = `320 ${String(1_000_000 + random.int(0, 8_999_999)).slice(-7)}`;
      let userId: string | null = null;
      let personId: string | null = null;
      if (p.listedDaysAgo !== null) {
        personId = uuidv7At(submitted, random);
        repos.persons.insert({
          id: personId,
          codiceFiscale: cf,
          givenName: p.givenName,
          familyName: p.familyName,
          birthDate: p.birthDate,
          sex: p.sex,
          phone,
          email,
          circoscrizione: p.circoscrizioni[0]!,
          createdAt: new Date(submitted).toISOString(),
        });
        userId = uuidv7At(submitted, random);
        repos.users.insert({
          id: userId,
          username: `professionista.${userId}`,
          passwordHash: '!code-login-only',
          displayName: `${p.givenName} ${p.familyName}`,
          role: 'professional',
          personId,
          createdAt: new Date(submitted).toISOString(),
        });
      }
      const listedAt = p.listedDaysAgo === null ? null : new Date(now - p.listedDaysAgo * DAY).toISOString();
      const expiresOn = listedAt ? alboExpiry(palermoDay(listedAt)) : null;
      // A listing already in its last month had its reminder when it entered it: the seed
      // is a city that has been running, so the first start sends no mail for it.
      const reminded = expiresOn && alboReminderDay(expiresOn) <= palermoDay(new Date(now).toISOString()) ? expiresOn : null;
      repos.albo.insert({
        id,
        status: listedAt ? 'listed' : 'pending',
        codiceFiscale: cf,
        givenName: p.givenName,
        familyName: p.familyName,
        email,
        phone,
        qualification: p.qualification,
        professionalOrder: p.professionalOrder,
        registrationNumber: p.registrationNumber,
        description: p.description,
        userAreas: JSON.stringify(p.userAreas),
        languages: JSON.stringify(p.languages),
        circoscrizioni: JSON.stringify(p.circoscrizioni),
        associationIds: JSON.stringify(p.associationIds),
        publish: JSON.stringify(p.publish),
        accessCodeHash: hash(listedAt ? crypto.randomBytes(16).toString('hex') : DEMO_ALBO_ACCESS_CODE),
        submittedAt: new Date(submitted).toISOString(),
        listedAt,
        expiresOn,
        remindedFor: reminded,
        reviewedAt: listedAt,
        userId,
        personId,
      });
      repos.albo.addEvent({
        id: uuidv7At(submitted, random),
        professionalId: id,
        at: new Date(submitted).toISOString(),
        kind: 'submitted',
        actorId: null,
        note: null,
      });
      if (listedAt)
        repos.albo.addEvent({
          id: uuidv7At(now - p.listedDaysAgo! * DAY, random),
          professionalId: id,
          at: listedAt,
          kind: 'approved',
          actorId: null,
          note: null,
        });
      if (reminded) {
        repos.albo.addEvent({
          id: uuidv7At(now, random),
          professionalId: id,
          at: new Date(now).toISOString(),
          kind: 'reminded',
          actorId: null,
          note: reminded,
        });
      }
    }
  });
}
