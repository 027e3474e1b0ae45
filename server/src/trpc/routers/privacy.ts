import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import { CORRECTABLE_FIELDS, isIsoDate } from '@icaro/domain';
import { procedureFor, router } from '../trpc.ts';
import { PrivacyError } from '../../services/privacy.service.ts';

function mapErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof PrivacyError) {
      const code =
        error.code === 'not_found'
          ? 'NOT_FOUND'
          : error.code === 'forbidden'
            ? 'FORBIDDEN'
            : error.code === 'erased'
              ? 'CONFLICT'
              : 'BAD_REQUEST';
      throw new TRPCError({ code, message: error.code });
    }
    throw error;
  }
}

const id = z.string().min(1).max(64);
/** The day the written request was received: not in the future. */
const receivedOn = z
  .string()
  .refine((s) => isIsoDate(s) && s <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), 'invalid_date');

/** The data subject's rights (GDPR arts. 15-17, 20): thin; the rules are in privacy.service.ts. */
export const privacyRouter = router({
  /** A citizen's own data, as the JSON of "I miei dati". */
  myData: procedureFor('privacy.ownData').query(({ ctx }) => mapErrors(() => ctx.app.privacy.myData(ctx.user))),
  /** The data protection officer: a person by codice fiscale, with retention and past requests. */
  findPerson: procedureFor('privacy.manage')
    .input(z.strictObject({ codiceFiscale: z.string().trim().min(11).max(40) }))
    .query(({ ctx, input }) => ctx.app.privacy.findPerson(input.codiceFiscale)),
  /** The export on a written request: recorded and audited. */
  exportFor: procedureFor('privacy.manage')
    .input(z.strictObject({ personId: id, receivedOn }))
    .mutation(({ ctx, input }) => mapErrors(() => ctx.app.privacy.exportFor(ctx.user, input))),
  rectify: procedureFor('privacy.manage')
    .input(
      z.strictObject({
        personId: id,
        field: z.enum(CORRECTABLE_FIELDS),
        value: z.string().max(200),
        reason: z.string().trim().min(3).max(500),
        sourceDocument: z.string().trim().min(3).max(200),
        receivedOn,
      }),
    )
    .mutation(({ ctx, input }) => mapErrors(() => ctx.app.privacy.rectify(ctx.user, input))),
  evaluateErasure: procedureFor('privacy.manage')
    .input(z.strictObject({ personId: id }))
    .query(({ ctx, input }) => mapErrors(() => ctx.app.privacy.evaluateErasure(input.personId))),
  erase: procedureFor('privacy.manage')
    .input(z.strictObject({ personId: id, receivedOn }))
    .mutation(({ ctx, input }) => mapErrors(() => ctx.app.privacy.erase(ctx.user, input))),
  /** The dossier's office: the corrections of its applicant's data (object scope in the service). */
  correctionsForDossier: procedureFor('person.lookup')
    .input(z.strictObject({ dossierId: id }))
    .query(({ ctx, input }) => mapErrors(() => ctx.app.privacy.correctionsForDossier(ctx.user, input.dossierId))),
  /** The latest requests handled, newest first. */
  requests: procedureFor('privacy.manage').query(({ ctx }) => ctx.app.repos.privacy.recentRequests(100)),
});
