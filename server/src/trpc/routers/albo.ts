import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import {
  ALBO_LANGUAGE_CODES,
  ALBO_PUBLISHABLE,
  ATTACHMENT_MIME_TYPES,
  ATTACHMENTS_MAX_PER_RECORD,
  ATTACHMENT_MAX_BYTES,
  USER_AREAS,
} from '@icaro/domain';
import { procedureFor, publicProcedure, router } from '../trpc.ts';
import { AlboError } from '../../services/albo.service.ts';
import { MediatorError } from '../../services/mediators.service.ts';

const STATUS = {
  not_found: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  invalid: 'BAD_REQUEST',
  invalid_code: 'BAD_REQUEST',
  already_applied: 'CONFLICT',
  wrong_state: 'CONFLICT',
  reason_required: 'BAD_REQUEST',
  not_listed: 'BAD_REQUEST',
  already_added: 'CONFLICT',
  rate_limited: 'TOO_MANY_REQUESTS',
} as const;

function mapped<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AlboError) {
      // The field errors travel as a JSON message the device reads back into its error summary.
      const message = error.code === 'invalid' ? JSON.stringify({ code: 'invalid', fields: error.fields }) : error.code;
      throw new TRPCError({ code: STATUS[error.code], message });
    }
    if (error instanceof MediatorError) throw new TRPCError({ code: STATUS[error.code], message: error.code });
    throw error;
  }
}

const document = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().trim().min(1).max(200),
  mime: z.enum(ATTACHMENT_MIME_TYPES),
  size: z.number().int().min(1).max(ATTACHMENT_MAX_BYTES),
});
const documents = z.array(document).max(ATTACHMENTS_MAX_PER_RECORD);
const accessCode = z.string().trim().min(12).max(20);
// Lengths and formats are checked by the domain's rule, so every field gets its own Italian message.
const text = z.string().max(1000);
const application = z.strictObject({
  codiceFiscale: text,
  givenName: text,
  familyName: text,
  email: text,
  phone: text,
  qualification: text,
  professionalOrder: text,
  registrationNumber: text,
  description: text,
  userAreas: z.array(z.enum(USER_AREAS)).max(USER_AREAS.length),
  languages: z.array(z.enum(ALBO_LANGUAGE_CODES as [string, ...string[]])).max(ALBO_LANGUAGE_CODES.length),
  circoscrizioni: z.array(z.number().int()).max(8),
  associationIds: z.array(z.string().min(1).max(40)).max(50),
  publish: z.array(z.enum(ALBO_PUBLISHABLE)).max(ALBO_PUBLISHABLE.length),
  documents,
});
const id = z.strictObject({ id: z.uuid() });
const note = z.string().trim().max(1000);

/**
 * The albo of professionals (issue 6 §2): public application and follow-up, the office's
 * review (albo.review), the professional's own listing (albo.apply), and the public directory.
 */
export const alboRouter = router({
  /** No login: anyone may apply. The answer carries the follow-up code, shown once. */
  submit: publicProcedure.input(application).mutation(({ ctx, input }) => mapped(() => ctx.app.albo.apply(input as never, ctx.ip))),
  /** The applicant, with the follow-up code. */
  status: publicProcedure
    .input(z.strictObject({ code: accessCode }))
    .query(({ ctx, input }) => mapped(() => ctx.app.albo.byAccessCode(input.code))),
  answer: publicProcedure
    .input(z.strictObject({ code: accessCode, note, documents }))
    .mutation(({ ctx, input }) => mapped(() => ctx.app.albo.answer(input.code, input.note, input.documents))),
  /** No login: listed professionals, only the fields each agreed to publish. */
  directory: publicProcedure.query(({ ctx }) => ctx.app.albo.directory()),

  applications: procedureFor('albo.review').query(({ ctx }) => ctx.app.albo.applications()),
  application: procedureFor('albo.review')
    .input(id)
    .query(({ ctx, input }) => mapped(() => ctx.app.albo.application(input.id))),
  approve: procedureFor('albo.review')
    .input(z.strictObject({ id: z.uuid(), note: note.optional() }))
    .mutation(({ ctx, input }) => mapped(() => ctx.app.albo.approve(ctx.user, input.id, input.note))),
  reject: procedureFor('albo.review')
    .input(z.strictObject({ id: z.uuid(), reason: note }))
    .mutation(({ ctx, input }) => mapped(() => ctx.app.albo.reject(ctx.user, input.id, input.reason))),
  askMore: procedureFor('albo.review')
    .input(z.strictObject({ id: z.uuid(), note }))
    .mutation(({ ctx, input }) => mapped(() => ctx.app.albo.askMore(ctx.user, input.id, input.note))),

  /** The professional's own listing and the dossiers they mediate on. */
  mine: procedureFor('albo.apply').query(({ ctx }) => ctx.app.albo.mine(ctx.user)),
  renew: procedureFor('albo.apply').mutation(({ ctx }) => mapped(() => ctx.app.albo.renew(ctx.user))),
});

/** Mediators on a dossier (issue 6 §2): the assigned case officer or the head of procedure. */
export const mediatorsRouter = router({
  list: procedureFor('dossier.addMediator')
    .input(z.strictObject({ dossierId: z.uuid() }))
    .query(({ ctx, input }) => mapped(() => ctx.app.mediators.list(ctx.user, input.dossierId))),
  candidates: procedureFor('dossier.addMediator').query(({ ctx }) => ctx.app.albo.candidates()),
  add: procedureFor('dossier.addMediator')
    .input(
      z.strictObject({
        dossierId: z.uuid(),
        professionalId: z.uuid(),
        purpose: z.string().trim().min(3).max(500),
        grantSensitive: z.boolean(),
      }),
    )
    .mutation(({ ctx, input }) => mapped(() => ctx.app.mediators.add(ctx.user, input))),
  setSensitive: procedureFor('dossier.addMediator')
    .input(z.strictObject({ mediatorId: z.uuid(), granted: z.boolean() }))
    .mutation(({ ctx, input }) => mapped(() => ctx.app.mediators.setSensitive(ctx.user, input.mediatorId, input.granted))),
  remove: procedureFor('dossier.addMediator')
    .input(z.strictObject({ mediatorId: z.uuid() }))
    .mutation(({ ctx, input }) => mapped(() => ctx.app.mediators.remove(ctx.user, input.mediatorId))),
});
