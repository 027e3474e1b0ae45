import {
  CATALOGUE,
  OFFICES,
  TRANSITIONS,
  applyOmocodia,
  encodeCodiceFiscale,
  makeReference,
  officeForCircoscrizione,
  requiresSecondFactor,
  type CodiceFiscalePerson,
  type DossierState,
  type Role,
} from '@icaro/domain';
import type { Db } from '../db/client.ts';
import { associations, offices, users } from '../db/schema.ts';
import type { Repositories } from '../repositories/index.ts';
import { hashPassword } from '../services/passwords.ts';
import { formatProtocolNumber } from '../services/dossier.service.ts';
import { generateAnswers } from './answers.ts';
import { uuidv7At } from './ids.ts';
import { BIRTH_PLACES, FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M, reasonsFor } from './names.ts';
import { Random } from './random.ts';
import { DEMO_ASSOCIATIONS, DEMO_CITIZEN, DEMO_PASSWORD, demoUsers } from './users.ts';
import { demoTotpSecret } from './demo-totp.ts';
import { seedAssociations } from './associations.ts';
import { seedThreads } from './threads.ts';
import { seedAlbo } from './albo.ts';
import { seedSpending } from './spending.ts';

export interface SeedOptions {
  citizens: number;
  dossiers: number;
  seed?: number;
  now?: Date;
  /**
   * Every citizen lives in this circoscrizione, so all the dossiers go to one office
   * (device benchmarks: 10,000 dossiers visible to one office user). The random draws
   * are the same either way.
   */
  circoscrizione?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
  users: number;
  citizens: number;
  dossiers: number;
  events: number;
  byState: Record<string, number>;
}

const DAY = 86_400_000;
const BATCH = 5_000;

/** How the demo city's dossiers spread over the lifecycle. */
const STATE_WEIGHTS: readonly (readonly [DossierState, number])[] = [
  ['INVIATA', 8],
  ['PROTOCOLLATA', 7],
  ['ASSEGNATA', 7],
  ['ISTRUTTORIA', 10],
  ['INTEGRAZIONE_RICHIESTA', 5],
  ['VALUTAZIONE', 6],
  ['PREAVVISO_DINIEGO', 2],
  ['AMMESSA', 6],
  ['IN_LISTA_ATTESA', 4],
  ['RESPINTA', 5],
  ['IRRICEVIBILE', 2],
  ['RITIRATA', 2],
  ['IN_EROGAZIONE', 12],
  ['CHIUSA', 15],
  ['REVOCATA', 2],
];

/** Shortest lifecycle path from INVIATA to each state, found over the shared machine. */
function lifecyclePaths(): Map<DossierState, DossierState[]> {
  const paths = new Map<DossierState, DossierState[]>([['INVIATA', ['INVIATA']]]);
  const queue: DossierState[] = ['INVIATA'];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const t of TRANSITIONS) {
      if (t.from !== from || paths.has(t.to)) continue;
      paths.set(t.to, [...paths.get(from)!, t.to]);
      queue.push(t.to);
    }
  }
  return paths;
}

/**
 * Generates a synthetic city: offices, associations, one user per role (and staff for
 * every office), the catalogue, citizens with valid codici fiscali and dossiers with
 * their status events. Scales by parameter to a million dossiers for benchmarks.
 */
export async function seedCity(db: Db, repos: Repositories, options: SeedOptions): Promise<SeedSummary> {
  const random = new Random(options.seed ?? 20261126);
  const laterUsers = new Random((options.seed ?? 20261126) + 1);
  const now = (options.now ?? new Date()).getTime();
  const at = new Date(now).toISOString();
  const pickCircoscrizione = (drawn: number) => options.circoscrizione ?? drawn;

  const people = demoUsers();
  const hashes = await Promise.all(people.map(() => hashPassword(DEMO_PASSWORD)));

  // Citizens first: the citizen account points at the first one.
  const citizens: { id: string; circoscrizione: number; name: string }[] = [];
  const usedCf = new Set<string>();
  db.transaction(() => {
    for (const o of OFFICES) {
      db.insert(offices)
        .values({ id: o.id, name: o.name, circoscrizione: o.circoscrizione, address: o.address, phone: o.phone, email: o.email })
        .run();
    }
    for (const a of DEMO_ASSOCIATIONS)
      db.insert(associations)
        .values({ ...a, approved: true })
        .run();
    for (const s of CATALOGUE) repos.catalogue.upsert(s);
  });
  for (let start = 0; start < options.citizens; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(options.citizens, start + BATCH); i++) {
        const sex = random.chance(0.55) ? 'F' : 'M';
        const givenName = random.pick(sex === 'F' ? GIVEN_NAMES_F : GIVEN_NAMES_M);
        const familyName = random.pick(FAMILY_NAMES);
        const birth = new Date(now - random.int(18 * 365, 95 * 365) * DAY).toISOString().slice(0, 10);
        const belfiore = random.weighted(BIRTH_PLACES.map(([code, w]) => [code, w] as const));
        // The first citizen is the fixed demo person (the draws above still happen, so the
        // rest of the city stays the same).
        const who: CodiceFiscalePerson & { email: string | null } = i === 0 ? DEMO_CITIZEN : { familyName, givenName, birthDate: birth, sex, belfiore, email: null };
        let cf = encodeCodiceFiscale(who);
        // Two people with the same code get an omocodic variant, as the Agenzia does.
        for (let level = 1; usedCf.has(cf) && level <= 7; level++) cf = applyOmocodia(cf, level);
        if (usedCf.has(cf)) continue;
        usedCf.add(cf);
        const person = {
          id: uuidv7At(now - random.int(400, 800) * DAY, random),
          codiceFiscale: cf,
          givenName: who.givenName,
          familyName: who.familyName,
          birthDate: who.birthDate,
          sex: who.sex,
          email: who.email,
          phone: `3${random.int(20, 99)}${random.int(1000000, 9999999)}`,
          circoscrizione: pickCircoscrizione(random.int(1, 8)),
          createdAt: at,
        } as const;
        repos.persons.insert(person);
        citizens.push({ id: person.id, circoscrizione: person.circoscrizione, name: `${who.givenName} ${who.familyName}` });
      }
    });
  }

  const staff = new Map<string, string>(); // `${officeId}:${role}` -> user id
  const operators: { id: string; associationId: string }[] = [];
  let citizenUserId = '';
  db.transaction(() => {
    people.forEach((u, i) => {
      // Users added to the demo later draw their ids from their own stream, so the
      // rest of the city (and every test that relies on it) stays as it was.
      const id = uuidv7At(now - 900 * DAY + i, u.username.startsWith('istruttore2.') ? laterUsers : random);
      const person = u.citizen ? citizens[0] : undefined;
      db.insert(users)
        .values({
          id,
          username: u.username,
          passwordHash: hashes[i]!,
          displayName: person ? person.name : u.displayName,
          role: u.role,
          officeId: u.officeId ?? null,
          associationId: u.associationId ?? null,
          personId: person?.id ?? null,
          createdAt: at,
        })
        .run();
      // Demo staff are enrolled in the second factor with their published demo secret.
      if (requiresSecondFactor(u.role)) repos.secondFactor.enrol(id, demoTotpSecret(u.username), 0, at);
      if (u.officeId) {
        // A second user of the same role in an office (a second case officer) is `:2`.
        const key = `${u.officeId}:${u.role}`;
        staff.set(staff.has(key) ? `${key}:2` : key, id);
      }
      if (u.associationId) operators.push({ id, associationId: u.associationId });
      if (u.citizen) citizenUserId = id;
    });
  });

  const paths = lifecyclePaths();
  const byState: Record<string, number> = {};
  let events = 0;
  const windowMs = 540 * DAY;
  const protocolByYear = new Map<number, number>();
  for (let start = 0; start < options.dossiers; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(options.dossiers, start + BATCH); i++) {
        // Spread submissions evenly over the window, oldest first, so protocol numbers follow time.
        const submitted = now - windowMs + Math.floor(((i + random.next()) / options.dossiers) * (windowMs - DAY));
        const ownByCitizen = i < 3 && citizenUserId !== '';
        const person = ownByCitizen ? citizens[0]! : random.pick(citizens);
        const service = random.pick(CATALOGUE);
        const office = officeForCircoscrizione(person.circoscrizione);
        const viaAssociation = !ownByCitizen && random.chance(0.45);
        const operator = viaAssociation ? random.pick(operators) : null;
        const filedBy = ownByCitizen ? citizenUserId : (operator?.id ?? staff.get(`${office.id}:front_desk`)!);
        const age = now - submitted;
        // Young dossiers are still early in the lifecycle; old ones are mostly finished.
        let target = random.weighted(STATE_WEIGHTS);
        if (age < 3 * DAY) target = random.pick(['INVIATA', 'PROTOCOLLATA'] as const);
        const path = paths.get(target)!;
        const id = uuidv7At(submitted, random);
        let t = submitted;
        const stepMs = Math.max(60_000, Math.min(10 * DAY, age / (path.length + 1)));
        let protocolNumber: string | null = null;
        let protocolledAt: string | null = null;
        let assignedTo: string | null = null;
        // Every third dossier goes to the office's second case officer, chosen by index
        // so the random sequence (and the rest of the city) stays as it was.
        const officer = staff.get(`${office.id}:case_officer${i % 3 === 2 ? ':2' : ''}`) ?? staff.get(`${office.id}:case_officer`)!;
        const eventRows = path.map((to, k) => {
          if (k > 0) t = Math.min(now - 60_000, t + Math.floor(stepMs * (0.3 + random.next())));
          const iso = new Date(t).toISOString();
          const transition = TRANSITIONS.find((x) => x.from === path[k - 1] && x.to === to);
          const role: Role = k === 0 ? 'front_desk' : transition!.roles.includes('case_officer') ? 'case_officer' : transition!.roles[0]!;
          const actorId =
            k === 0
              ? filedBy
              : role === 'citizen' || role === 'association_operator'
                ? filedBy
                : role === 'case_officer'
                  ? officer
                  : staff.get(`${office.id}:${role}`)!;
          if (to === 'PROTOCOLLATA') {
            const year = new Date(t).getUTCFullYear();
            const n = (protocolByYear.get(year) ?? 0) + 1;
            protocolByYear.set(year, n);
            protocolNumber = formatProtocolNumber(year, n);
            protocolledAt = iso;
          }
          if (to === 'ASSEGNATA') assignedTo = officer;
          const reason = transition?.needsReason ? random.pick(reasonsFor(to)) : null;
          return { id: uuidv7At(t, random), dossierId: id, fromStatus: path[k - 1] ?? null, toStatus: to, actorId, reason, at: iso };
        });
        const updatedAt = eventRows[eventRows.length - 1]!.at;
        const associationId = operator?.associationId ?? null;
        repos.dossiers.insert({
          id,
          reference: makeReference(id),
          serviceCode: service.code,
          serviceVersion: service.version,
          personId: person.id,
          status: target,
          circoscrizione: person.circoscrizione,
          officeId: office.id,
          associationId,
          filedBy,
          assignedTo,
          answers: JSON.stringify(generateAnswers(service.form, random, new Date(submitted).toISOString().slice(0, 10))),
          submittedAt: new Date(submitted).toISOString(),
          receivedAt: new Date(submitted).toISOString(),
          protocolNumber,
          protocolledAt,
          updatedAt,
        });
        for (const e of eventRows) repos.dossiers.insertEvent(e);
        repos.sync.appendChange('dossier', id, 'put', { officeId: office.id, associationId, personId: person.id }, updatedAt);
        events += eventRows.length;
        byState[target] = (byState[target] ?? 0) + 1;
      }
    });
    options.onProgress?.(Math.min(options.dossiers, start + BATCH), options.dossiers);
  }
  db.transaction(() => {
    for (const [year, last] of protocolByYear) repos.protocol.setLast(year, last);
  });
  await seedAssociations(db, repos, now);
  seedAlbo(db, repos, now);
  seedSpending(db, repos, now);
  seedThreads(db, repos, now);
  return { users: people.length, citizens: citizens.length, dossiers: options.dossiers, events, byState };
}
