import { eq, getTableColumns, sql } from 'drizzle-orm';
import { compileSelect, type Db } from '../db/client.ts';
import { persons } from '../db/schema.ts';

export type PersonRow = typeof persons.$inferSelect;
/** A new person: the e-mail address and the anagrafe fields are optional (most come from filing, without them). */
export type NewPerson = Omit<PersonRow, 'email' | 'address' | 'householdId' | 'registryUpdatedOn'> & {
  email?: string | null;
  address?: string | null;
  householdId?: string | null;
  registryUpdatedOn?: string | null;
};

export function createPersonsRepo(db: Db) {
  // Looked up for every filing of a push: compiled to a plain statement (the columns are
  // all text and numbers, so no drizzle mapping is needed).
  const byCf = compileSelect(
    db,
    db
      .select()
      .from(persons)
      .where(eq(persons.codiceFiscale, sql.placeholder('cf'))),
    Object.keys(getTableColumns(persons)) as (keyof PersonRow)[],
  );
  const byId = db
    .select()
    .from(persons)
    .where(eq(persons.id, sql.placeholder('id')))
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
      email: sql.placeholder('email'),
      circoscrizione: sql.placeholder('circoscrizione'),
      address: sql.placeholder('address'),
      householdId: sql.placeholder('householdId'),
      registryUpdatedOn: sql.placeholder('registryUpdatedOn'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare();
  const byHousehold = db
    .select()
    .from(persons)
    .where(eq(persons.householdId, sql.placeholder('householdId')))
    .orderBy(persons.birthDate)
    .prepare();
  return {
    /** The members of a registry household (codice famiglia), the eldest first. */
    findByHousehold(householdId: string): PersonRow[] {
      return byHousehold.all({ householdId });
    },
    findByCodiceFiscale(cf: string): PersonRow | undefined {
      return byCf({ cf })[0] as PersonRow | undefined;
    },
    findById(id: string): PersonRow | undefined {
      return byId.get({ id });
    },
    insert(row: NewPerson): void {
      insert.run({
        ...row,
        email: row.email ?? null,
        address: row.address ?? null,
        householdId: row.householdId ?? null,
        registryUpdatedOn: row.registryUpdatedOn ?? null,
      });
    },
  };
}
export type PersonsRepo = ReturnType<typeof createPersonsRepo>;
