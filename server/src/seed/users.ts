import { CIRCOSCRIZIONE_NUMBERS, RAGIONERIA_OFFICE_ID, officeForCircoscrizione, type Role } from '@icaro/domain';

/** The shared password of every demo account. Demo data only: never use it elsewhere. */
export const DEMO_PASSWORD = 'Palermo-Demo-2026';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  officeId?: string;
  associationId?: string;
  /** The citizen account is tied to the first synthetic citizen. */
  citizen?: true;
}

/**
 * The person behind `cittadino.demo`, fixed so that the demo (and the e2e tests) can sign
 * in by codice fiscale and one-time code. Synthetic: the code belongs to nobody real.
 */
export const DEMO_CITIZEN = {
  givenName: 'Rosalia',
  familyName: 'Cusumano',
  birthDate: '1948-07-15',
  sex: 'F',
  belfiore: 'G273',
  email: 'rosalia.cusumano@cittadini.example',
} as const;

export const DEMO_ASSOCIATIONS = [
  { id: 'ASS-01', name: 'Associazione Solidarietà Kalsa ETS', runtsNumber: 'RUNTS-000101' },
  { id: 'ASS-02', name: 'Cooperativa sociale Borgo Insieme', runtsNumber: 'RUNTS-000202' },
  { id: 'ASS-03', name: 'Centro d’ascolto Oreto ODV', runtsNumber: 'RUNTS-000303' },
] as const;

export function demoUsers(): DemoUser[] {
  const users: DemoUser[] = [
    { username: 'cittadino.demo', displayName: '', role: 'citizen', citizen: true },
    { username: 'operatore.demo', displayName: 'Giulia Caruso', role: 'association_operator', associationId: 'ASS-01' },
    { username: 'operatore.a2', displayName: 'Marco Sciortino', role: 'association_operator', associationId: 'ASS-02' },
    { username: 'operatore.a3', displayName: 'Sara Amato', role: 'association_operator', associationId: 'ASS-03' },
    { username: 'ragioneria.demo', displayName: 'Paolo Ferrara', role: 'accounts', officeId: RAGIONERIA_OFFICE_ID },
    { username: 'analista.demo', displayName: 'Elena Orlando', role: 'analyst' },
    { username: 'revisore.demo', displayName: 'Tommaso Navarra', role: 'auditor' },
    { username: 'admin.demo', displayName: 'Ilaria Bellomo', role: 'admin' },
  ];
  for (const n of CIRCOSCRIZIONE_NUMBERS) {
    const officeId = officeForCircoscrizione(n).id;
    users.push(
      { username: `sportello.c${n}`, displayName: `Sportello ${n} (demo)`, role: 'front_desk', officeId },
      { username: `istruttore.c${n}`, displayName: `Assistente sociale ${n} (demo)`, role: 'case_officer', officeId },
      { username: `istruttore2.c${n}`, displayName: `Assistente sociale ${n}.2 (demo)`, role: 'case_officer', officeId },
      { username: `responsabile.c${n}`, displayName: `Responsabile ${n} (demo)`, role: 'head_of_procedure', officeId },
    );
  }
  return users;
}
