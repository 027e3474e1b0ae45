import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import { THREAD_LIMITS } from '@icaro/domain';
import { procedureFor, router } from '../trpc.ts';
import { ThreadError } from '../../services/threads.service.ts';

function run<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ThreadError) {
      const code =
        error.code === 'not_found'
          ? 'NOT_FOUND'
          : error.code === 'forbidden'
            ? 'FORBIDDEN'
            : error.code.startsWith('already_')
              ? 'CONFLICT'
              : 'BAD_REQUEST';
      throw new TRPCError({ code, message: error.code });
    }
    throw error;
  }
}

const id = z.string().min(1).max(64);
const subject = z.string().trim().min(1).max(THREAD_LIMITS.subject);
const body = z.string().trim().min(1).max(THREAD_LIMITS.body);
const request = z.strictObject({ dossierId: id, toOfficeId: id, subject, body });

/**
 * Internal communications between offices (issue 4 §5): online only, never pulled to a
 * device. Object-level access is `threadAccess` in scope.ts, through the service.
 */
export const threadsRouter = router({
  unread: procedureFor('thread.use').query(({ ctx }) => ctx.app.threads.unread(ctx.user)),
  inbox: procedureFor('thread.use').query(({ ctx }) => ctx.app.threads.inbox(ctx.user)),
  forDossier: procedureFor('thread.use')
    .input(z.strictObject({ dossierId: id }))
    .query(({ ctx, input }) => run(() => ctx.app.threads.view(ctx.user, input.dossierId))),
  post: procedureFor('thread.use')
    .input(z.strictObject({ dossierId: id, requestId: id.optional(), body }))
    .mutation(({ ctx, input }) => run(() => ctx.app.threads.post(ctx.user, input))),
  ask: procedureFor('thread.use')
    .input(request)
    .mutation(({ ctx, input }) => run(() => ctx.app.threads.ask(ctx.user, input))),
  /** The service also requires `dossier.assign` (the head of procedure). */
  transmit: procedureFor('thread.use')
    .input(request)
    .mutation(({ ctx, input }) => run(() => ctx.app.threads.transmit(ctx.user, input))),
  acknowledge: procedureFor('thread.use')
    .input(z.strictObject({ requestId: id }))
    .mutation(({ ctx, input }) => run(() => ctx.app.threads.acknowledge(ctx.user, input.requestId))),
  answer: procedureFor('thread.use')
    .input(z.strictObject({ requestId: id, body }))
    .mutation(({ ctx, input }) => run(() => ctx.app.threads.answer(ctx.user, input))),
  markRead: procedureFor('thread.use')
    .input(z.strictObject({ dossierId: id, upTo: z.number().int().min(0) }))
    .mutation(({ ctx, input }) => run(() => ctx.app.threads.markRead(ctx.user, input))),
});
