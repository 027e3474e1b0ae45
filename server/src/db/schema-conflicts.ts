/**
 * Sync conflicts (issue 4 §9): where two writers meet on one field, the server keeps both
 * values instead of overwriting one with the other. Today that field is a person's contact
 * data (phone, e-mail), edited on a device, possibly offline, and by the office.
 */
import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { dossiers, persons, users } from './schema.ts';

/**
 * The last accepted write of each contact field: who wrote the value the server holds,
 * and when. A conflict shows it next to the device's value.
 */
export const personFieldWrites = sqliteTable(
  'person_field_writes',
  {
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    /** 'phone' | 'email' */
    field: text('field').notNull(),
    writtenBy: text('written_by')
      .notNull()
      .references(() => users.id),
    writtenAt: text('written_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.field] })],
);

/**
 * One conflict: the device wrote `device_value` having seen `base_value`, but the server
 * held `server_value`, written by someone else meanwhile. Nothing is overwritten: the
 * server keeps its value until staff resolve the conflict (keep one, or type the right
 * value). Resolved rows stay, with who resolved them, when and how.
 */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: text('id').primaryKey(),
    /** 'person' */
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** The dossier the device wrote through: the conflict is shown and resolved there. */
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    field: text('field').notNull(),
    baseValue: text('base_value'),
    serverValue: text('server_value'),
    /** Null when the server's value predates write tracking (filed with the request, seeded). */
    serverBy: text('server_by').references(() => users.id),
    serverAt: text('server_at'),
    deviceValue: text('device_value'),
    deviceBy: text('device_by')
      .notNull()
      .references(() => users.id),
    /** When the device made the change (the mutation's `at`). */
    deviceAt: text('device_at').notNull(),
    /** The mutation that carried the device's value. */
    mutationId: text('mutation_id').notNull(),
    createdAt: text('created_at').notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull(),
    resolvedBy: text('resolved_by').references(() => users.id),
    resolvedAt: text('resolved_at'),
    /** 'server' | 'device' | 'other' */
    choice: text('choice', { enum: ['server', 'device', 'other'] }),
    resolvedValue: text('resolved_value'),
  },
  (t) => [index('sync_conflicts_dossier_idx').on(t.dossierId, t.status), index('sync_conflicts_entity_idx').on(t.entity, t.entityId, t.field)],
);
