/**
 * The demo city's spending: budget lines (capitoli) with allocations for last year and
 * this year, and a benefit on every admitted dossier of an economic service (decided by
 * the event that admitted it), with monthly payments up to today. Deterministic.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { ECONOMIC_SERVICE_CODES, findService, monthsAfter } from '@icaro/domain';
import type { Db } from '../db/client.ts';
import { benefits, budgetAllocations, dossiers, statusEvents } from '../db/schema.ts';
import type { Repositories } from '../repositories/index.ts';
import { romeDay } from '../services/spending.service.ts';
import { uuidv7At } from './ids.ts';
import { Random } from './random.ts';

/** The city's capitoli for social benefits (synthetic codes), and the services each pays. */
export const DEMO_BUDGET_LINES = [
  {
    code: '12041.04.0101',
    name: 'Contributi economici a persone in difficoltà',
    services: ['PA-POV-01', 'PA-POV-02', 'PA-SAN-01'],
    baseCents: 120_000_000,
  },
  { code: '12061.04.0102', name: 'Contributi per l’affitto e la morosità incolpevole', services: ['PA-POV-03'], baseCents: 60_000_000 },
  {
    code: '12051.04.0103',
    name: 'Sostegno economico a famiglie e minori',
    services: ['PA-FAM-01', 'PA-FAM-02', 'PA-MIN-02'],
    baseCents: 50_000_000,
  },
  { code: '12031.04.0104', name: 'Integrazione rette per anziani in struttura', services: ['PA-ANZ-03'], baseCents: 40_000_000 },
] as const;

/** Monthly amount range (cents) and longest period (months) by service. */
const TERMS: Record<string, { min: number; max: number; months: number }> = {
  'PA-POV-01': { min: 20_000, max: 80_000, months: 1 },
  'PA-POV-02': { min: 5_000, max: 15_000, months: 6 },
  'PA-POV-03': { min: 25_000, max: 45_000, months: 12 },
  'PA-FAM-01': { min: 10_000, max: 30_000, months: 12 },
  'PA-FAM-02': { min: 40_000, max: 40_000, months: 5 },
  'PA-MIN-02': { min: 8_000, max: 20_000, months: 10 },
  'PA-ANZ-03': { min: 30_000, max: 90_000, months: 12 },
  'PA-SAN-01': { min: 5_000, max: 60_000, months: 1 },
};

const ADMITTED = ['AMMESSA', 'IN_EROGAZIONE', 'CHIUSA', 'REVOCATA'];
const BATCH = 5_000;

export function seedSpending(db: Db, repos: Repositories, now: number, seed = 46): { lines: number; benefits: number; payments: number } {
  const random = new Random(seed);
  const at = new Date(now).toISOString();
  const today = romeDay(at);
  const thisYear = Number(today.slice(0, 4));
  const lineOf = new Map<string, string>();
  const ids: string[] = [];
  db.transaction(() => {
    for (const l of DEMO_BUDGET_LINES) {
      const id = uuidv7At(now, random);
      ids.push(id);
      repos.spending.insertLine({ id, code: l.code, name: l.name, active: true, createdAt: at });
      for (const s of l.services) lineOf.set(s, id);
    }
  });

  // Admitted dossiers of economic services, with the day they were admitted.
  const admitted = db
    .select({
      id: dossiers.id,
      serviceCode: dossiers.serviceCode,
      status: dossiers.status,
      officeId: dossiers.officeId,
      circoscrizione: dossiers.circoscrizione,
      updatedAt: dossiers.updatedAt,
      decidedBy: statusEvents.actorId,
      decidedAt: statusEvents.at,
    })
    .from(dossiers)
    .innerJoin(statusEvents, and(eq(statusEvents.dossierId, dossiers.id), eq(statusEvents.toStatus, 'AMMESSA')))
    .where(and(inArray(dossiers.status, ADMITTED), inArray(dossiers.serviceCode, [...ECONOMIC_SERVICE_CODES])))
    .orderBy(dossiers.id)
    .all();

  const committed = new Map<string, number>();
  let paymentCount = 0;
  for (let start = 0; start < admitted.length; start += BATCH) {
    db.transaction(() => {
      for (const d of admitted.slice(start, start + BATCH)) {
        const terms = TERMS[d.serviceCode]!;
        const decidedOn = romeDay(d.decidedAt);
        const year = Number(decidedOn.slice(0, 4));
        const fromMonth = decidedOn.slice(0, 7);
        const months = Math.max(1, Math.min(random.int(1, terms.months), 13 - Number(fromMonth.slice(5, 7))));
        // Round euros: decisions state whole amounts.
        const monthlyCents = Math.round(random.int(terms.min, terms.max) / 100) * 100;
        const amountCents = monthlyCents * months;
        const lineId = lineOf.get(d.serviceCode)!;
        const benefitId = uuidv7At(Date.parse(d.decidedAt), random);
        // Paid on the 27th of each month of the period (the first on the decision's day if
        // later), up to today; a closed dossier was paid in full.
        const days = Array.from({ length: months }, (_, k) => {
          const day = `${monthsAfter(fromMonth, k)}-27`;
          return day < decidedOn ? decidedOn : day;
        });
        const paidDays =
          d.status === 'CHIUSA'
            ? days.map((day) => (day > today ? today : day))
            : d.status === 'AMMESSA'
              ? []
              : days.filter((day) => day <= today);
        db.insert(benefits)
          .values({
            id: benefitId,
            dossierId: d.id,
            serviceCode: d.serviceCode,
            siuss: findService(d.serviceCode)?.siuss ?? null,
            officeId: d.officeId,
            circoscrizione: d.circoscrizione,
            budgetLineId: lineId,
            year,
            monthlyCents,
            months,
            fromMonth,
            toMonth: monthsAfter(fromMonth, months - 1),
            amountCents,
            paidCents: 0,
            decidedBy: d.decidedBy,
            decidedAt: d.decidedAt,
            decidedOn,
          })
          .run();
        committed.set(`${lineId}:${year}`, (committed.get(`${lineId}:${year}`) ?? 0) + amountCents);
        for (const day of paidDays) {
          repos.spending.insertPayment({
            id: uuidv7At(Date.parse(`${day}T10:00:00Z`), random),
            benefitId,
            dossierId: d.id,
            budgetLineId: lineId,
            year,
            officeId: d.officeId,
            circoscrizione: d.circoscrizione,
            serviceCode: d.serviceCode,
            siuss: findService(d.serviceCode)?.siuss ?? null,
            amountCents: monthlyCents,
            paidOn: day,
            reference: `MP/${day.slice(0, 4)}/${String(random.int(1, 99_999)).padStart(5, '0')}`,
            recordedBy: d.decidedBy,
            recordedAt: `${day}T10:00:00.000Z`,
          });
          paymentCount++;
        }
        // A revoked dossier gave its unpaid part back to the line when it was revoked.
        if (d.status === 'REVOCATA') repos.spending.releaseUnpaid(d.id, d.updatedAt);
      }
    });
  }

  // Allocations: this year's and last year's, each at least a quarter above what the demo committed.
  db.transaction(() => {
    DEMO_BUDGET_LINES.forEach((l, i) => {
      for (const year of [thisYear - 1, thisYear]) {
        const used = committed.get(`${ids[i]}:${year}`) ?? 0;
        const allocationCents = Math.max(l.baseCents, Math.ceil((used * 1.25) / 100_000) * 100_000);
        db.insert(budgetAllocations).values({ budgetLineId: ids[i]!, year, allocationCents, updatedAt: at }).run();
      }
    });
    // Years older than last year that the demo's decisions reach (a long-running seed).
    for (const key of committed.keys()) {
      const [lineId, y] = key.split(':') as [string, string];
      if (Number(y) >= thisYear - 1) continue;
      const used = committed.get(key)!;
      db.insert(budgetAllocations)
        .values({ budgetLineId: lineId, year: Number(y), allocationCents: Math.ceil((used * 1.25) / 100_000) * 100_000, updatedAt: at })
        .onConflictDoNothing()
        .run();
    }
  });
  return { lines: DEMO_BUDGET_LINES.length, benefits: admitted.length, payments: paymentCount };
}
