/**
 * Roles and permissions. The single home of "who may do what" at the coarse level;
 * object-level rules (which dossier) live in the server's services.
 */
export const ROLES = [
  'citizen',
  'association_operator',
  'front_desk',
  'case_officer',
  'head_of_procedure',
  'accounts',
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
  'stats.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  citizen: ['session.self', 'catalogue.read', 'sync.push', 'sync.pull', 'dossier.file'],
  association_operator: [
    'session.self',
    'catalogue.read',
    'sync.push',
    'sync.pull',
    'dossier.file',
    'dossier.fileOnBehalf',
  ],
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
  ],
  case_officer: [
    'session.self',
    'catalogue.read',
    'sync.push',
    'sync.pull',
    'dossier.transition',
    'queue.read',
    'person.lookup',
  ],
  head_of_procedure: [
    'session.self',
    'catalogue.read',
    'sync.push',
    'sync.pull',
    'dossier.transition',
    'dossier.assign',
    'queue.read',
    'person.lookup',
  ],
  accounts: ['session.self', 'catalogue.read'],
  analyst: ['session.self', 'catalogue.read', 'stats.read'],
  auditor: ['session.self', 'catalogue.read', 'audit.read'],
  admin: ['session.self', 'catalogue.read', 'admin.users'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isOfficeRole(role: Role): role is (typeof OFFICE_ROLES)[number] {
  return (OFFICE_ROLES as readonly Role[]).includes(role);
}
