import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import { CONFLICT_CHOICES } from '@icaro/domain';
import { procedureFor, router } from '../trpc.ts';
import { ConflictError } from '../../services/conflicts.service.ts';

/** Sync conflicts (issue 4 §9): staff resolve them on the dossier; the resolution is audited. */
export const conflictsRouter = router({
  resolve: procedureFor('conflict.resolve')
    .input(
      z.strictObject({
        conflictId: z.string().min(1).max(64),
        choice: z.enum(CONFLICT_CHOICES),
        /** Only with `other`: the right value, typed by staff (empty removes it). */
        value: z.string().max(254).optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      try {
        return ctx.app.conflicts.resolve(ctx.user, input);
      } catch (error) {
        if (error instanceof ConflictError) {
          const code = error.code === 'not_found' ? 'NOT_FOUND' : error.code === 'invalid_value' ? 'BAD_REQUEST' : 'CONFLICT';
          throw new TRPCError({ code, message: error.code });
        }
        throw error;
      }
    }),
});
