/**
 * The demo's internal communications (issue 4 §5): questions from the circoscrizione
 * offices to the Ragioneria and to each other, over the whole life of the seeded dossiers,
 * with answer times that shorten over the months (what the reports should show), and a
 * few recent requests still waiting. Runs after the dossiers with its own random stream,
 * so the rest of the city stays the same. Synthetic text only.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { CATALOGUE, OFFICES, RAGIONERIA_OFFICE_ID, hasPermission, secondsBetween, type Role } from '@icaro/domain';
import type { Db } from '../db/client.ts';
import { dossiers, users } from '../db/schema.ts';
import type { Repositories } from '../repositories/index.ts';
import type { InternalRequestRow } from '../repositories/threads.repo.ts';
import { uuidv7At } from './ids.ts';
import { Random } from './random.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** One thread every this many dossiers, at most MAX in all (a million-dossier city gets MAX). */
const EVERY = 12;
const MAX = 1_500;

const RAGIONERIA_QUESTIONS: readonly (readonly [string, string, string])[] = [
  [
    'Disponibilità sul capitolo',
    'Per questa pratica prevediamo un contributo economico. Il capitolo di spesa ha ancora disponibilità per quest’anno?',
    'Sì, il capitolo ha ancora disponibilità. Potete procedere con l’impegno.',
  ],
  [
    'Stato del pagamento',
    'La persona chiede quando riceverà il contributo già ammesso. Il mandato di pagamento è partito?',
    'Il mandato è stato emesso: l’accredito arriva entro dieci giorni lavorativi.',
  ],
  [
    'IBAN non valido',
    'Il pagamento risulta respinto dalla banca. Potete dirci il motivo?',
    'L’IBAN indicato non corrisponde all’intestatario. Serve un IBAN intestato alla persona o un delegato.',
  ],
  [
    'Pagamenti precedenti',
    'Risultano altri contributi pagati a questa persona negli ultimi dodici mesi?',
    'Risulta un solo contributo, pagato sei mesi fa. Nessun altro pagamento.',
  ],
];

const OFFICE_QUESTIONS: readonly (readonly [string, string, string])[] = [
  [
    'Precedenti presso il vostro ufficio',
    'La persona dice di essere stata seguita dal vostro ufficio prima del trasferimento. Avete una pratica aperta o chiusa da poco?',
    'Sì, avevamo una pratica chiusa lo scorso anno. Nessuna pratica aperta.',
  ],
  [
    'Verifica della residenza',
    'Il nucleo risulta ancora nella vostra circoscrizione secondo l’anagrafe del vostro ufficio?',
    'No, il nucleo si è trasferito: da noi non risulta più.',
  ],
];

const NOTES: readonly string[] = [
  'Ho chiamato la persona: i documenti arrivano la settimana prossima.',
  'Visita domiciliare fissata per giovedì mattina.',
  'Attendo la risposta della Ragioneria prima di proporre l’importo.',
];

const ECONOMIC = new Set(
  CATALOGUE.filter((s) => /^PA-(POV|FAM|SAN)-/.test(s.code) || s.code === 'PA-ANZ-03' || s.code === 'PA-MIN-02').map((s) => s.code),
);

interface StaffUser {
  id: string;
  role: Role;
  officeId: string;
}

export function seedThreads(db: Db, repos: Repositories, now: number): { requests: number } {
  const random = new Random(20261126 + 5);
  const staff = db
    .select({ id: users.id, role: users.role, officeId: users.officeId })
    .from(users)
    .where(and(isNotNull(users.officeId), eq(users.active, true)))
    .all()
    .filter((u): u is StaffUser => !!u.officeId && hasPermission(u.role as Role, 'thread.use'));
  const byOffice = (officeId: string) => staff.filter((u) => u.officeId === officeId);
  const pick = (officeId: string, roles: readonly Role[]) => byOffice(officeId).find((u) => roles.includes(u.role));

  // Dossiers the office has worked on (protocolled), oldest first.
  const candidates = db
    .select({
      id: dossiers.id,
      officeId: dossiers.officeId,
      serviceCode: dossiers.serviceCode,
      protocolledAt: dossiers.protocolledAt,
      assignedTo: dossiers.assignedTo,
    })
    .from(dossiers)
    .where(
      and(
        isNotNull(dossiers.protocolledAt),
        inArray(dossiers.status, [
          'ISTRUTTORIA',
          'INTEGRAZIONE_RICHIESTA',
          'VALUTAZIONE',
          'AMMESSA',
          'IN_EROGAZIONE',
          'CHIUSA',
          'RESPINTA',
          'IN_LISTA_ATTESA',
        ]),
      ),
    )
    .orderBy(asc(dossiers.protocolledAt))
    .all();
  if (candidates.length === 0) return { requests: 0 };
  const chosen = candidates.filter((_, i) => i % EVERY === EVERY - 1 || i === candidates.length - 1).slice(-MAX);
  const first = Date.parse(chosen[0]!.protocolledAt!);
  const span = Math.max(DAY, now - first);
  let requests = 0;

  db.transaction(() => {
    chosen.forEach((d, i) => {
      const asker = (d.assignedTo && staff.find((u) => u.id === d.assignedTo)) || pick(d.officeId, ['case_officer', 'head_of_procedure']);
      if (!asker) return;
      const drawn = ECONOMIC.has(d.serviceCode) ? random.chance(0.8) : random.chance(0.2);
      // The two most recent go to the Ragioneria, so its demo account has news waiting.
      const toRagioneria = drawn || i >= chosen.length - 2;
      const others = OFFICES.filter((o) => o.circoscrizione !== null && o.id !== d.officeId);
      const toOfficeId = toRagioneria ? RAGIONERIA_OFFICE_ID : others[random.int(0, others.length - 1)]!.id;
      const answerer = toRagioneria ? pick(toOfficeId, ['accounts']) : pick(toOfficeId, ['case_officer', 'head_of_procedure']);
      if (!answerer) return;
      const [subject, question, answer] = (toRagioneria ? RAGIONERIA_QUESTIONS : OFFICE_QUESTIONS)[
        random.int(0, (toRagioneria ? RAGIONERIA_QUESTIONS : OFFICE_QUESTIONS).length - 1)
      ]!;

      const drawnMs = Math.min(now - 2 * HOUR, Date.parse(d.protocolledAt!) + random.int(1, 10) * DAY + random.int(8, 16) * HOUR);
      // The three newest were asked in the last days, and still wait for an answer.
      const recent = i >= chosen.length - 3;
      const requestedMs = recent ? Math.max(Date.parse(d.protocolledAt!), now - (chosen.length - i) * 20 * HOUR) : drawnMs;
      const progress = (requestedMs - first) / span;
      // Answers take about 6 days at the start of the period and under 2 at its end.
      const answerMs = requestedMs + Math.round((6 - 4.5 * progress) * DAY * (0.4 + random.next() * 1.2));
      const ackMs = requestedMs + Math.round((answerMs - requestedMs) * (0.1 + random.next() * 0.4));
      // The most recent requests may still be waiting.
      const waiting = recent ? (i === chosen.length - 1 ? 'open' : 'acknowledged') : answerMs > now ? 'acknowledged' : 'answered';
      const iso = (ms: number) => new Date(ms).toISOString();
      const id = uuidv7At(requestedMs, random);
      const row: InternalRequestRow = {
        id,
        dossierId: d.id,
        kind: 'question',
        fromOfficeId: d.officeId,
        toOfficeId,
        subject,
        body: question,
        requestedBy: asker.id,
        requestedAt: iso(requestedMs),
        acknowledgedAt: waiting === 'open' ? null : iso(Math.min(ackMs, now - HOUR)),
        acknowledgedBy: waiting === 'open' ? null : answerer.id,
        answeredAt: waiting === 'answered' ? iso(answerMs) : null,
        answeredBy: waiting === 'answered' ? answerer.id : null,
        answer: waiting === 'answered' ? answer : null,
        firstAnswerAt: waiting === 'answered' ? iso(answerMs) : null,
        firstAnswerSeconds: waiting === 'answered' ? secondsBetween(iso(requestedMs), iso(answerMs)) : null,
        answeredByOffice: waiting === 'answered' ? toOfficeId : null,
      };
      repos.threads.insertRequest(row);
      const message = (
        kind: 'note' | 'question' | 'acknowledgement' | 'answer',
        author: StaffUser,
        body: string,
        at: string,
        requestId: string | null = id,
      ) =>
        repos.threads.insertMessage({
          dossierId: d.id,
          requestId,
          kind,
          authorId: author.id,
          authorOfficeId: author.officeId,
          body,
          createdAt: at,
        });
      if (random.chance(0.4)) message('note', asker, NOTES[random.int(0, NOTES.length - 1)]!, iso(requestedMs - 2 * HOUR), null);
      const asked = message('question', asker, question, row.requestedAt);
      const acked = row.acknowledgedAt ? message('acknowledgement', answerer, '', row.acknowledgedAt) : null;
      const answered = row.answeredAt ? message('answer', answerer, answer, row.answeredAt) : null;
      // Settled conversations have been read by both offices; in recent ones, the news is
      // unread for whoever did not write it.
      if (answered && answerMs < now - 3 * DAY) {
        for (const u of [...byOffice(d.officeId), ...byOffice(toOfficeId)]) repos.threads.markRead(u.id, d.id, answered, row.answeredAt!);
      } else {
        repos.threads.markRead(asker.id, d.id, asked, row.requestedAt);
        if (acked) repos.threads.markRead(answerer.id, d.id, answered ?? acked, row.answeredAt ?? row.acknowledgedAt!);
      }
      // The kept unread counters agree with the markers.
      for (const u of [...byOffice(d.officeId), ...byOffice(toOfficeId)]) repos.threads.recountUnread(u.id, u.officeId, d.id);
      requests++;
    });
  });
  return { requests };
}
