/**
 * The audit trail's fixed vocabulary (issue 4 §7). A row says which section of a dossier
 * was read or changed, and why: a short code from this list plus optional text.
 */
export const AUDIT_SECTIONS = ['sensitive', 'status', 'assignment', 'contact', 'albo', 'mediator', 'case_notes', 'care_plan', 'benefit', 'document', 'privacy'] as const;
export type AuditSection = (typeof AUDIT_SECTIONS)[number];

export const AUDIT_ACTIONS = ['read', 'change'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Why staff read a sensitive section: chosen by the reader. */
export const AUDIT_READ_PURPOSES = ['istruttoria', 'valutazione', 'verifica', 'richiesta_interessato'] as const;
/** Why a dossier changed: set by the server. */
export const AUDIT_CHANGE_PURPOSES = ['transition', 'assignment', 'conflict_resolution', 'albo_review', 'mediator', 'case_note', 'care_plan', 'benefit', 'override', 'payment', 'transmission', 'transfer', 'proposal', 'rectification', 'erasure'] as const;
export const AUDIT_PURPOSES = [...AUDIT_READ_PURPOSES, ...AUDIT_CHANGE_PURPOSES] as const;
export type AuditPurpose = (typeof AUDIT_PURPOSES)[number];
export type AuditReadPurpose = (typeof AUDIT_READ_PURPOSES)[number];
