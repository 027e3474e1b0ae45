import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import { USER_AREAS } from '@icaro/domain';
import { procedureFor, publicProcedure, router } from '../trpc.ts';
import { NeedsAccessError } from '../../services/needs.service.ts';

/** Needs surveys: filed through sync (needs.report@1); read here. */
export const needsRouter = router({
  /** Staff of a circoscrizione office: its reports with free text, and monthly trends. */
  overview: procedureFor('needs.read')
    .input(z.strictObject({ userArea: z.enum(USER_AREAS).optional() }))
    .query(({ ctx, input }) => {
      try {
        return ctx.app.needs.staffOverview(ctx.user, input);
      } catch (error) {
        if (error instanceof NeedsAccessError) throw new TRPCError({ code: 'FORBIDDEN', message: 'forbidden' });
        throw error;
      }
    }),
  /** Analysts and the public: counts through disclosure control, never free text. */
  aggregate: publicProcedure.query(({ ctx }) => ctx.app.needs.publicAggregate()),
});
