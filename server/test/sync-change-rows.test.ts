/**
 * The change-log rows a change of a dossier writes in one statement (sync.repo
 * appendChange): its own scopes, each active mediator's user scope, and the scope of a
 * citizen who filed it for someone else; the mediators come back to be poked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { ChangeRecorder } from '../src/services/changes.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

describe('change rows of a dossier', () => {
  it('writes its scopes, its active mediators and its citizen filer, and returns the mediators to poke', () => {
    const sqlite = server.app.db.$client;
    const citizen = sqlite.prepare(`select id, person_id from users where role = 'citizen' and person_id is not null limit 1`).get() as {
      id: string;
      person_id: string;
    };
    const applicant = sqlite.prepare('select id from persons where id <> ? limit 1').pluck().get(citizen.person_id) as string;
    const staff = sqlite.prepare(`select id from users where role <> 'citizen' order by id limit 3`).pluck().all() as string[];
    const [mediator, removed, writer] = staff as [string, string, string];
    const dossierId = uuidv7();
    const at = '2026-11-26T10:00:00.000Z';
    // Rows set up directly (their other tables do not matter here).
    sqlite.pragma('foreign_keys = OFF');
    sqlite
      .prepare(
        `insert into dossiers (id, reference, service_code, service_version, person_id, status, circoscrizione, office_id, filed_by, answers, submitted_at, received_at, updated_at)
         values (?, 'PA-TEST-0001', 'X', 1, ?, 'INVIATA', 1, 'UFF-C1', ?, '{}', ?, ?, ?)`,
      )
      .run(dossierId, applicant, citizen.id, at, at, at);
    const addMediator = sqlite.prepare(
      `insert into dossier_mediators (id, dossier_id, professional_id, user_id, purpose, sensitive_granted, added_by, added_at, removed_at)
       values (?, ?, 'P', ?, 'x', 0, ?, ?, ?)`,
    );
    addMediator.run(uuidv7(), dossierId, mediator, writer, at, null);
    addMediator.run(uuidv7(), dossierId, removed, writer, at, at);
    // The writer mediates too: its own user scope is the change's scope, not a second row.
    addMediator.run(uuidv7(), dossierId, writer, writer, at, null);
    sqlite.pragma('foreign_keys = ON');

    const before = sqlite.prepare('select coalesce(max(version), 0) from changes').pluck().get() as number;
    const recorder = new ChangeRecorder(server.app.repos.sync);
    sqlite.transaction(() =>
      recorder.put('dossier', dossierId, { officeId: 'UFF-C1', associationId: null, personId: applicant, userId: writer }, at),
    )();

    const rows = sqlite
      .prepare(
        'select entity, entity_id, op, office_id, association_id, person_id, user_id, at from changes where version > ? order by version',
      )
      .all(before);
    expect(rows).toEqual([
      {
        entity: 'dossier',
        entity_id: dossierId,
        op: 'put',
        office_id: 'UFF-C1',
        association_id: null,
        person_id: applicant,
        user_id: writer,
        at,
      },
      { entity: 'dossier', entity_id: dossierId, op: 'put', office_id: null, association_id: null, person_id: null, user_id: mediator, at },
      {
        entity: 'dossier',
        entity_id: dossierId,
        op: 'put',
        office_id: null,
        association_id: null,
        person_id: citizen.person_id,
        user_id: null,
        at,
      },
    ]);
    expect(recorder.touched).toEqual([
      { officeId: 'UFF-C1', associationId: null, personId: applicant, userId: writer },
      { officeId: null, associationId: null, personId: null, userId: mediator },
    ]);
  });

  it('writes one row for other entities and pokes nobody else', () => {
    const sqlite = server.app.db.$client;
    const before = sqlite.prepare('select coalesce(max(version), 0) from changes').pluck().get() as number;
    const mediators = server.app.repos.sync.appendChange(
      'needs_report',
      'N-1',
      'put',
      { officeId: 'UFF-C2', associationId: 'ASS-01', personId: null },
      'x',
    );
    expect(mediators).toEqual([]);
    expect(sqlite.prepare('select entity, office_id, association_id, user_id from changes where version > ?').all(before)).toEqual([
      { entity: 'needs_report', office_id: 'UFF-C2', association_id: 'ASS-01', user_id: null },
    ]);
  });
});
