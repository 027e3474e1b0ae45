import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import { procedureFor, router } from '../trpc.ts';
import { documentsOf } from '../../services/integration.service.ts';

/**
 * The documents a dossier names (with whether each has arrived) and the applicant's
 * answers to integration requests. Anyone who pulls dossiers may ask, for the dossiers
 * in their scope (scope.ts); the files themselves come from /api/attachments.
 */
export const attachmentsRouter = router({
  forDossier: procedureFor('sync.pull')
    .input(z.strictObject({ dossierId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => {
      const found = documentsOf(ctx.app.repos, ctx.user, input.dossierId);
      if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'not_found' });
      return found;
    }),
});
