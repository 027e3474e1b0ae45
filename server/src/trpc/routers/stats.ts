import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import { procedureFor, publicProcedure, router } from '../trpc.ts';
import { ReportAccessError } from '../../services/reports.service.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** Reports and statistics (issue 5): aggregates only, through disclosure control. */
export const statsRouter = router({
  /** Analysts (citywide) and heads of procedure (their office). */
  dashboard: procedureFor('stats.read')
    .input(
      z.strictObject({
        from: month.optional(),
        to: month.optional(),
        service: z.string().max(40).optional(),
        office: z.string().max(40).optional(),
        circoscrizione: z.number().int().min(1).max(8).optional(),
      }),
    )
    .query(({ ctx, input }) => {
      try {
        return ctx.app.reports.dashboard(ctx.user, input);
      } catch (error) {
        if (error instanceof ReportAccessError) {
          throw new TRPCError({
            code: error.message === 'role' || error.message === 'office' ? 'FORBIDDEN' : 'BAD_REQUEST',
            message: error.message,
          });
        }
        throw error;
      }
    }),
  /** The public Trasparenza page: median time to a decision and the share within the term, per service. */
  transparency: publicProcedure.query(({ ctx }) => ctx.app.reports.transparency()),
});
