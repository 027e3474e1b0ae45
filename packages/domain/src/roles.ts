/**
 * Roles and permissions. The single home of "who may do what" at the coarse level;
 * object-level rules (which dossier) live in the server's services.
 */
export const ROLES = [
  'citizen',
  'association_operator',
  /** An association's own administrator: manages its operators, sees no dossiers. */
  'association_admin',
  'front_desk',
  'case_officer',
  'head_of_procedure',
  'accounts',
  /** A listed professional of the albo: files needs reports, mediates on the dossiers they are added to. */
  'professional',
  'analyst',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Staff of a municipal social-service office. */
export const OFFICE_ROLES = ['front_desk', 'case_officer', 'head_of_procedure'] as const satisfies readonly Role[];

export const PERMISSIONS = [
  'session.self', // read own session, log out
  'catalogue.read',
  'sync.push',
  'sync.pull',
  'dossier.file', // file a request for oneself or on someone's behalf
  'dossier.fileOnBehalf',
  'dossier.transition',
  'dossier.assign', // assign a dossier to a case officer of the office
  'queue.read', // the office queue
  'person.lookup',
  'admin.users',
  'audit.read',
  'audit.ownReads', // a citizen: the dates and purposes of the reads of their own dossiers
  'dossier.readSensitive', // an audited read of a dossier's sensitive answers (assigned officer, head of procedure)
  'stats.read',
  'association.manage', // invite and deactivate the operators of one's own association
  'association.approve', // the city approves an association before its operators can file
  'needs.file', // file a needs report (rilevazione dei bisogni)
  'needs.read', // the needs reports of one's circoscrizione, with free text
  'thread.use', // the internal staff thread of a dossier, and questions and transmissions between offices
  'dossier.writeSensitive', // case notes and the care plan (assigned officer, head of procedure), audited
  'benefit.decide', // record an economic benefit (amount, period, budget line) when admitting
  'benefit.override', // commit over a budget line's remaining allocation, with a reason
  'spending.read', // budget lines, commitments and payments: amounts and references, never case notes
  'payment.record', // record a payment against a benefit
  'budget.manage', // budget lines and their yearly allocations
  'conflict.resolve', // resolve a sync conflict recorded on a dossier, audited
  'albo.apply', // a professional's own listing: apply, renew
  'albo.review', // review applications to the albo: approve, reject, ask for more
  'dossier.addMediator', // add or remove a listed professional on a dossier, as a mediator
  'privacy.ownData', // a citizen downloads "I miei dati" (GDPR arts. 15 and 20)
  'privacy.manage', // the data protection officer: a data subject's export, rectification and erasure (GDPR arts. 15-17)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  citizen: ['session.self', 'catalogue.read', 'sync.push', 'sync.pull', 'dossier.file', 'audit.ownReads', 'privacy.ownData'],
  association_operator: [
    'session.self',
    'catalogue.read',
    'sync.push',
    'sync.pull',
    'dossier.file',
    'dossier.fileOnBehalf',
    'needs.file',
  ],
  association_admin: ['session.self', 'catalogue.read', 'association.manage'],
  front_desk: [
    'session.self',
    'catalogue.read',
    'sync.push',
    'sync.pull',
    'dossier.file',
    'dossier.fileOnBehalf',
    'dossier.transition',
    'queue.read',
    'person.lookup',
    'needs.read',
    'thread.use',
  ],
  case_officer: [
    'session.self',
    'catalogue.read',
    'sync.push',
    'sync.pull',
    'dossier.transition',
    'dossier.readSensitive',
    'queue.read',
    'person.lookup',
    'needs.read',
    'thread.use',
    'dossier.writeSensitive',
    'benefit.decide',
    'conflict.resolve',
    'dossier.addMediator',
  ],
  head_of_procedure: [
    'session.self',
    'catalogue.read',
    'sync.push',
    'sync.pull',
    'dossier.transition',
    'dossier.assign',
    'dossier.readSensitive',
    'queue.read',
    'person.lookup',
    'needs.read',
    'thread.use',
    'dossier.writeSensitive',
    'benefit.decide',
    'benefit.override',
    'spending.read',
    'stats.read', // their office's dashboards (scoped on the server)
    'conflict.resolve',
    'albo.review',
    'dossier.addMediator',
  ],
  accounts: ['session.self', 'catalogue.read', 'thread.use', 'spending.read', 'payment.record', 'budget.manage'],
  professional: ['session.self', 'catalogue.read', 'sync.push', 'sync.pull', 'needs.file', 'albo.apply'],
  analyst: ['session.self', 'catalogue.read', 'stats.read'],
  /** The auditor is also the city's data protection officer (DOMAIN.md): data subjects' requests. */
  auditor: ['session.self', 'catalogue.read', 'audit.read', 'privacy.manage'],
  admin: ['session.self', 'catalogue.read', 'admin.users', 'association.approve'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isOfficeRole(role: Role): role is (typeof OFFICE_ROLES)[number] {
  return (OFFICE_ROLES as readonly Role[]).includes(role);
}

/**
 * Municipal staff, supervisors and auditors sign in with a second factor (TOTP) after the
 * password (QUALITY.md §2). Citizens and professionals sign in with a one-time code sent
 * to them; association staff work for third parties under their own association's rules
 * and file only what they are delegated to file (docs/security.md, "Second factor").
 */
export const SECOND_FACTOR_ROLES = ['front_desk', 'case_officer', 'head_of_procedure', 'accounts', 'analyst', 'auditor', 'admin'] as const satisfies readonly Role[];

export function requiresSecondFactor(role: Role): boolean {
  return (SECOND_FACTOR_ROLES as readonly Role[]).includes(role);
}
