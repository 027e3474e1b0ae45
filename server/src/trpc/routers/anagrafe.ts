import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import { procedureFor, router } from '../trpc.ts';
import { AnagrafeError } from '../../services/anagrafe.service.ts';

function mapError(error: unknown): never {
  if (error instanceof AnagrafeError) {
    throw new TRPCError({ code: error.code === 'not_found' ? 'NOT_FOUND' : 'CONFLICT', message: error.code });
  }
  throw error;
}

const flagInput = z.strictObject({ flagId: z.string().min(1).max(64) });

/**
 * What the anagrafe import raised for the caller's office: open dossiers whose person
 * moved to another circoscrizione. Only the head of procedure (who assigns and transfers).
 */
export const anagrafeRouter = router({
  flags: procedureFor('dossier.assign').query(({ ctx }) => (ctx.user.officeId ? ctx.app.anagrafe.openFlags(ctx.user.officeId) : [])),
  /** One click: the dossier goes to the office of the person's new circoscrizione. */
  transfer: procedureFor('dossier.assign')
    .input(flagInput)
    .mutation(({ ctx, input }) => {
      try {
        return ctx.app.anagrafe.transfer(ctx.user, input.flagId);
      } catch (error) {
        mapError(error);
      }
    }),
  /** The dossier stays where it is; the flag is closed. */
  dismiss: procedureFor('dossier.assign')
    .input(flagInput)
    .mutation(({ ctx, input }) => {
      try {
        ctx.app.anagrafe.dismiss(ctx.user, input.flagId);
        return { ok: true as const };
      } catch (error) {
        mapError(error);
      }
    }),
});
