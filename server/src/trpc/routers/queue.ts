import { queueQuerySchema } from '@icaro/sync';
import { procedureFor, router } from '../trpc.ts';

/** The office queue and the workload of its officers: the caller's own office only (scope.ts). */
export const queueRouter = router({
  list: procedureFor('queue.read')
    .input(queueQuerySchema)
    .query(({ ctx, input }) => ctx.app.queue.list(ctx.user, input)),
  /** Whom the head of procedure may assign a dossier to. */
  officers: procedureFor('queue.read').query(({ ctx }) => ctx.app.queue.officers(ctx.user)),
  workload: procedureFor('queue.read').query(({ ctx }) => ctx.app.queue.workload(ctx.user)),
});
