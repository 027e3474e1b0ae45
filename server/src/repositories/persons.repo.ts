import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { persons } from '../db/schema.ts';

export type PersonRow = typeof persons.$inferSelect;

export function createPersonsRepo(db: Db) {
  const byCf = db
    .select()
    .from(persons)
    .where(eq(persons.codiceFiscale, sql.placeholder('cf')))
    .prepare();
  const insert = db
    .insert(persons)
    .values({
      id: sql.placeholder('id'),
      codiceFiscale: sql.placeholder('codiceFiscale'),
      givenName: sql.placeholder('givenName'),
      familyName: sql.placeholder('familyName'),
      birthDate: sql.placeholder('birthDate'),
      sex: sql.placeholder('sex'),
      phone: sql.placeholder('phone'),
      circoscrizione: sql.placeholder('circoscrizione'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare();
  return {
    findByCodiceFiscale(cf: string): PersonRow | undefined {
      return byCf.get({ cf });
    },
    insert(row: PersonRow): void {
      insert.run(row);
    },
  };
}
export type PersonsRepo = ReturnType<typeof createPersonsRepo>;
