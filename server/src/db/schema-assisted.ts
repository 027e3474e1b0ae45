/**
 * Assisted mode (QUALITY.md §1.12): the evidence behind a consent record. The consent row
 * (schema.ts `consents`) says who, for whom, which association, when, which text version
 * and how; this row holds what proves it, one column per method: the signature drawn on
 * screen (a PNG data URL, checked for its magic bytes) or the SHA-256 of the scanned
 * delega (an attachment, which may arrive after the record). A verbal consent's evidence
 * is the witness's name, on the consent row itself.
 */
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { consents } from './schema.ts';

export const consentEvidence = sqliteTable('consent_evidence', {
  consentId: text('consent_id')
    .primaryKey()
    .references(() => consents.id),
  signaturePng: text('signature_png'),
  delegaSha256: text('delega_sha256'),
});
