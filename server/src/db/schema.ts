/**
 * The relational schema. Hot columns are real columns with indexes (never JSON
 * extraction in queries); JSON text holds only what is read whole (answers, forms).
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

export const offices = sqliteTable('offices', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  circoscrizione: integer('circoscrizione'),
  address: text('address').notNull(),
  phone: text('phone').notNull(),
  email: text('email').notNull(),
});

export const associations = sqliteTable('associations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  runtsNumber: text('runts_number').notNull(),
  approved: integer('approved', { mode: 'boolean' }).notNull().default(false),
  // The public directory's fields. Lists are JSON text: read whole, filtered in memory
  // over a few hundred associations, never queried into.
  description: text('description').notNull().default(''),
  /** JSON array of ISTAT user areas (USER_AREAS). */
  userAreas: text('user_areas').notNull().default('[]'),
  /** JSON array of circoscrizione numbers served. */
  circoscrizioni: text('circoscrizioni').notNull().default('[]'),
  /** JSON array of catalogue service codes the association helps with. */
  serviceCodes: text('service_codes').notNull().default('[]'),
  address: text('address').notNull().default(''),
  phone: text('phone').notNull().default(''),
  email: text('email').notNull().default(''),
  website: text('website'),
  openingHours: text('opening_hours').notNull().default(''),
  approvedAt: text('approved_at'),
  approvedBy: text('approved_by'),
});

export const persons = sqliteTable(
  'persons',
  {
    id: text('id').primaryKey(),
    codiceFiscale: text('codice_fiscale').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    birthDate: text('birth_date').notNull(),
    sex: text('sex', { enum: ['M', 'F'] }).notNull(),
    phone: text('phone'),
    /** Where one-time login codes go (SMTP); null when the person gave none. */
    email: text('email'),
    circoscrizione: integer('circoscrizione').notNull(),
    /** Residence address from the anagrafe; null until an extract gives it. */
    address: text('address'),
    /** The anagrafe's household id (codice famiglia); null until an extract gives it. */
    householdId: text('household_id'),
    /** data_variazione of the last anagrafe row applied to this person. */
    registryUpdatedOn: text('registry_updated_on'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('persons_cf_uq').on(t.codiceFiscale),
    // Case-insensitive prefix search by name in the office queue.
    index('persons_family_name_lower_idx').on(sql`lower(${t.familyName})`),
    index('persons_given_name_lower_idx').on(sql`lower(${t.givenName})`),
    // A citizen files for the members of their registry household ('Le mie richieste').
    index('persons_household_idx').on(t.householdId),
  ],
);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    officeId: text('office_id').references(() => offices.id),
    associationId: text('association_id').references(() => associations.id),
    personId: text('person_id').references(() => persons.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the token: a stolen database does not yield usable cookies. */
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * A staff member's second factor (TOTP, RFC 6238; services/totp.ts). No row: not enrolled
 * yet, and the next sign-in enrols. `last_step` is the time step of the last code
 * accepted, so a code seen over someone's shoulder cannot be used again.
 */
export const userTotp = sqliteTable('user_totp', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id),
  secret: text('secret').notNull(),
  enrolledAt: text('enrolled_at').notNull(),
  lastStep: integer('last_step').notNull().default(0),
});

/**
 * One-time login codes for citizens. Only an HMAC of the code is kept. A request for an
 * unknown codice fiscale gets a row too (person_id null) so that both answers look alike.
 */
export const loginCodes = sqliteTable(
  'login_codes',
  {
    id: text('id').primaryKey(),
    personId: text('person_id').references(() => persons.id),
    codeHash: text('code_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: integer('used_at'),
  },
  (t) => [index('login_codes_expires_idx').on(t.expiresAt)],
);

export const services = sqliteTable(
  'services',
  {
    code: text('code').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    termDays: integer('term_days').notNull(),
    dayKind: text('day_kind').notNull(),
    siuss: text('siuss'),
    userArea: text('user_area').notNull(),
    sensitive: integer('sensitive', { mode: 'boolean' }).notNull(),
    /** The whole CatalogueService as JSON: read whole, never queried into. */
    definition: text('definition').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.code, t.version] })],
);

export const dossiers = sqliteTable(
  'dossiers',
  {
    id: text('id').primaryKey(),
    reference: text('reference').notNull(),
    serviceCode: text('service_code').notNull(),
    serviceVersion: integer('service_version').notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    status: text('status').notNull(),
    circoscrizione: integer('circoscrizione').notNull(),
    officeId: text('office_id')
      .notNull()
      .references(() => offices.id),
    associationId: text('association_id').references(() => associations.id),
    filedBy: text('filed_by')
      .notNull()
      .references(() => users.id),
    assignedTo: text('assigned_to').references(() => users.id),
    answers: text('answers').notNull(),
    submittedAt: text('submitted_at').notNull(),
    receivedAt: text('received_at').notNull(),
    protocolNumber: text('protocol_number'),
    protocolledAt: text('protocolled_at'),
    /**
     * The end of the legal term (a Europe/Rome date) while the clock runs; null when it
     * does not (not yet protocolled, suspended, decided). Kept by the dossier service in
     * the transaction of every status change, so the queue filters on a real column.
     */
    dueDate: text('due_date'),
    /** 80% of the term: from this day the dossier is near its deadline. */
    warnDate: text('warn_date'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('dossiers_office_status_idx').on(t.officeId, t.status),
    index('dossiers_person_idx').on(t.personId),
    index('dossiers_association_idx').on(t.associationId),
    uniqueIndex('dossiers_protocol_uq').on(t.protocolNumber),
    // The office queue: walked in deadline order, filters checked on the index entries
    // (covering), so a page reads the table only for the rows it returns.
    index('dossiers_queue_idx').on(t.officeId, t.dueDate, t.id, t.status, t.serviceCode, t.circoscrizione, t.assignedTo, t.warnDate, t.personId),
    // One officer's queue and the workload view (grouped by assignee).
    index('dossiers_assignee_queue_idx').on(t.officeId, t.assignedTo, t.dueDate, t.id, t.status, t.warnDate),
    index('dossiers_reference_idx').on(t.reference),
  ],
);

export const statusEvents = sqliteTable(
  'status_events',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: text('actor_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason'),
    at: text('at').notNull(),
  },
  (t) => [index('status_events_dossier_idx').on(t.dossierId, t.at)],
);

/** How a represented citizen's consent was collected (assisted filing). */
export const consents = sqliteTable('consents', {
  id: text('id').primaryKey(),
  dossierId: text('dossier_id')
    .notNull()
    .references(() => dossiers.id),
  personId: text('person_id')
    .notNull()
    .references(() => persons.id),
  operatorId: text('operator_id')
    .notNull()
    .references(() => users.id),
  associationId: text('association_id').references(() => associations.id),
  method: text('method').notNull(),
  witnessName: text('witness_name'),
  textVersion: text('text_version').notNull(),
  collectedAt: text('collected_at').notNull(),
  recordedAt: text('recorded_at').notNull(),
});

/** Per-year protocol register: one row a year, incremented inside the writing transaction. */
export const protocolCounters = sqliteTable('protocol_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/** Each device (client id) belongs to one user and numbers its mutations. */
export const syncClients = sqliteTable('sync_clients', {
  clientId: text('client_id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id),
  lastSeq: integer('last_seq').notNull(),
  lastSeenAt: text('last_seen_at').notNull(),
});

/** Every processed mutation with its outcome: replays return the stored result. */
export const syncMutations = sqliteTable('sync_mutations', {
  id: text('id').primaryKey(),
  clientId: text('client_id').notNull(),
  seq: integer('seq').notNull(),
  name: text('name').notNull(),
  payloadHash: text('payload_hash').notNull(),
  status: text('status', { enum: ['applied', 'refused'] }).notNull(),
  /** JSON: the result, or { code, detail } for a refusal. */
  outcome: text('outcome').notNull(),
  processedAt: text('processed_at').notNull(),
});

/**
 * The change log behind pull. Version is monotonically increasing; each row carries
 * the scope keys that decide who receives it, so a pull is one indexed range scan.
 */
export const changes = sqliteTable(
  'changes',
  {
    version: integer('version').primaryKey({ autoIncrement: true }),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    op: text('op', { enum: ['put', 'del'] }).notNull(),
    officeId: text('office_id'),
    associationId: text('association_id'),
    personId: text('person_id'),
    /** A single user's key: a professional mediating on a dossier, or filing needs reports. */
    userId: text('user_id'),
    at: text('at').notNull(),
  },
  (t) => [
    index('changes_office_idx').on(t.officeId, t.version),
    index('changes_association_idx').on(t.associationId, t.version),
    index('changes_person_idx').on(t.personId, t.version),
    index('changes_user_idx').on(t.userId, t.version),
  ],
);

/**
 * An operator invited by their association's administrator. Only a hash of the one-time
 * code is kept; the code is shown once, and accepting it sets the operator's password.
 */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [uniqueIndex('invitations_code_uq').on(t.codeHash), index('invitations_user_idx').on(t.userId)],
);

/** Needs surveys filed by association operators (rilevazione dei bisogni). */
export const needsReports = sqliteTable(
  'needs_reports',
  {
    /** Made on the device (UUIDv7), like a dossier's. */
    id: text('id').primaryKey(),
    /** The filing association; null for a report filed by a listed professional. */
    associationId: text('association_id').references(() => associations.id),
    /** The filing professional of the albo (issue 6 §4), when not an association. */
    professionalId: text('professional_id'),
    filedBy: text('filed_by')
      .notNull()
      .references(() => users.id),
    circoscrizione: integer('circoscrizione').notNull(),
    /** The office of that circoscrizione: the scope key its staff pull by. */
    officeId: text('office_id')
      .notNull()
      .references(() => offices.id),
    userArea: text('user_area').notNull(),
    need: text('need').notNull(),
    peopleBand: text('people_band').notNull(),
    urgency: text('urgency').notNull(),
    /** Free text: staff only, never in an aggregate. */
    description: text('description').notNull(),
    observedOn: text('observed_on').notNull(),
    submittedAt: text('submitted_at').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [
    index('needs_reports_office_idx').on(t.officeId, t.receivedAt),
    index('needs_reports_association_idx').on(t.associationId),
    index('needs_reports_area_idx').on(t.circoscrizione, t.userArea),
  ],
);

/**
 * The audit trail (issue 4 §7): one append-only row per read of a sensitive section and
 * per change of a dossier. Each row's hash is SHA-256 over its fields and the previous
 * row's hash, so an edited or removed row breaks the chain (`cli audit-verify`).
 * Triggers in the migration refuse UPDATE and DELETE. Never holds dossier content.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    /** Chain order. */
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actorId: text('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    dossierId: text('dossier_id').notNull(),
    section: text('section').notNull(),
    /** 'read' | 'change' */
    action: text('action').notNull(),
    /** A code from AUDIT_PURPOSES. */
    purpose: text('purpose').notNull(),
    note: text('note'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_dossier_idx').on(t.dossierId, t.seq)],
);

/**
 * Anagrafe (resident registry) imports (issue 4 §8). One row per imported file, keyed by
 * the file's SHA-256, so a re-import of the same file is recognised and says so.
 */
export const anagrafeImports = sqliteTable(
  'anagrafe_imports',
  {
    id: text('id').primaryKey(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    rows: integer('rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
  },
  (t) => [index('anagrafe_imports_sha_idx').on(t.sha256)],
);

/**
 * Append-only history of a person's registry data: one row per changed field, with the
 * old and new value and the extract line it came from.
 */
export const personHistory = sqliteTable(
  'person_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    /** 'address' | 'circoscrizione' | 'household_id' */
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    importId: text('import_id')
      .notNull()
      .references(() => anagrafeImports.id),
    line: integer('line').notNull(),
    /** data_variazione of the extract row, when given. */
    changedOn: text('changed_on'),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('person_history_person_idx').on(t.personId, t.id)],
);

/**
 * Something the head of procedure of an office must look at on an open dossier, such as
 * the person having moved to another circoscrizione ('moved').
 */
export const dossierFlags = sqliteTable(
  'dossier_flags',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    officeId: text('office_id')
      .notNull()
      .references(() => offices.id),
    kind: text('kind').notNull(),
    /** JSON: e.g. { from: 3, to: 5 } for a move. */
    detail: text('detail').notNull(),
    importId: text('import_id').references(() => anagrafeImports.id),
    createdAt: text('created_at').notNull(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by').references(() => users.id),
  },
  (t) => [index('dossier_flags_office_idx').on(t.officeId, t.resolvedAt), index('dossier_flags_dossier_idx').on(t.dossierId)],
);
export * from './schema-conflicts.ts';
export * from './schema-assisted.ts';
export * from './schema-threads.ts';
export * from './schema-albo.ts';
export * from './schema-reports.ts';
export * from './schema-spending.ts';
export * from './schema-attachments.ts';
export * from './schema-privacy.ts';
