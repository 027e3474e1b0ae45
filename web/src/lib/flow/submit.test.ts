import { describe, expect, it } from 'vitest';
import { submitArgsSchema } from '@icaro/sync';
import type { Draft } from '../device/draft-types.ts';
import { DELEGA_DOCUMENT_KIND } from '@icaro/domain';
import { buildSubmitArgs, CONSENT_TEXT_VERSION } from './submit.ts';
import { emptyDraft } from '../test/fixtures.ts';

const DOSSIER_ID = '01a21799-8ce9-79bc-9dd2-34f8102c9e36';
const complete: Draft = {
  ...emptyDraft(),
  applicant: {
    source: 'new',
    codiceFiscale: 'RSSMRA80A01G27PV',
    givenName: 'Mario',
    familyName: 'Rossi',
    phone: '333 123 4567',
    phoneAsked: true,
    circoscrizione: 4,
  },
  serviceCode: 'PA-ACC-01',
  serviceVersion: 1,
  answers: { topic: 'soldi', topicOther: 'left over from before', story: '', meeting: 'ufficio', interpreter: false },
  consent: { method: 'verbal_witness', witnessName: 'Anna Bianchi', collectedAt: '2026-11-26T10:00:00.000Z' },
};

describe('buildSubmitArgs', () => {
  it('builds arguments the mutation schema accepts', () => {
    const built = buildSubmitArgs(complete, DOSSIER_ID);
    if (!built.ok) throw new Error(`missing ${built.missing}`);
    expect(submitArgsSchema.safeParse(built.args).success).toBe(true);
    expect(built.args).toMatchObject({
      dossierId: DOSSIER_ID,
      reference: expect.stringMatching(/^PA-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      applicant: { phone: '+393331234567', circoscrizione: 4 },
      consent: { method: 'verbal_witness', witnessName: 'Anna Bianchi', textVersion: CONSENT_TEXT_VERSION },
    });
  });

  it('sends only the answers to questions shown, without blanks', () => {
    const built = buildSubmitArgs(complete, DOSSIER_ID);
    expect(built.ok && built.args.answers).toEqual({ topic: 'soldi', meeting: 'ufficio', interpreter: false });
  });

  it('carries the drawn signature, and only with the signature method', () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';
    const signed = buildSubmitArgs(
      { ...complete, consent: { method: 'signature', witnessName: '', signature: png, collectedAt: complete.consent!.collectedAt } },
      DOSSIER_ID,
    );
    if (!signed.ok) throw new Error(`missing ${signed.missing}`);
    expect(signed.args.consent).toEqual({
      method: 'signature',
      signature: png,
      textVersion: CONSENT_TEXT_VERSION,
      collectedAt: complete.consent!.collectedAt,
    });
    expect(submitArgsSchema.safeParse(signed.args).success).toBe(true);
    const unsigned = buildSubmitArgs(
      { ...complete, consent: { method: 'signature', witnessName: '', collectedAt: complete.consent!.collectedAt } },
      DOSSIER_ID,
    );
    expect(unsigned).toEqual({ ok: false, missing: 'consenso' });
  });

  it('sends a scanned delega by its hash, with its file among the attachments', () => {
    const sha256 = 'b'.repeat(64);
    const delega = { sha256, name: 'delega.jpg', mime: 'image/jpeg' as const, size: 1000, documentKind: DELEGA_DOCUMENT_KIND };
    const built = buildSubmitArgs(
      {
        ...complete,
        attachments: [delega],
        consent: { method: 'scanned_delega', witnessName: '', delegaSha256: sha256, collectedAt: complete.consent!.collectedAt },
      },
      DOSSIER_ID,
    );
    if (!built.ok) throw new Error(`missing ${built.missing}`);
    expect(built.args.consent).toMatchObject({ method: 'scanned_delega', delegaSha256: sha256 });
    expect(built.args.attachments).toEqual([{ sha256, name: 'delega.jpg', documentKind: DELEGA_DOCUMENT_KIND }]);
    expect(submitArgsSchema.safeParse(built.args).success).toBe(true);
  });

  it('points to the first missing step', () => {
    expect(buildSubmitArgs({ ...complete, consent: null }, DOSSIER_ID)).toEqual({ ok: false, missing: 'consenso' });
    expect(buildSubmitArgs({ ...complete, answers: { topic: 'soldi' } }, DOSSIER_ID)).toEqual({ ok: false, missing: 'd-story' });
  });
});
