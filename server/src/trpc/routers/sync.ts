import { TRPCError } from '@trpc/server';
import { pullRequestSchema, pushRequestSchema } from '@icaro/sync';
import { procedureFor, router } from '../trpc.ts';
import { ClientOwnershipError } from '../../services/sync.service.ts';

export const syncRouter = router({
  push: procedureFor('sync.push')
    .input(pushRequestSchema)
    .mutation(({ ctx, input }) => {
      try {
        return ctx.app.sync.push(ctx.user, input);
      } catch (error) {
        if (error instanceof ClientOwnershipError) throw new TRPCError({ code: 'FORBIDDEN', message: 'client_of_another_user' });
        throw error;
      }
    }),
  pull: procedureFor('sync.pull')
    .input(pullRequestSchema)
    .query(({ ctx, input }) => ctx.app.sync.pull(ctx.user, input)),
});
