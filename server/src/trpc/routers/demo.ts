import { TRPCError } from '@trpc/server';
import { publicProcedure, router } from '../trpc.ts';
import { DemoNotifier } from '../../notify/demo-notifier.ts';

/** Exists only in demo mode: outside it every call is "not found". */
export const demoRouter = router({
  /** The last login codes sent to synthetic demo citizens, newest first. */
  inbox: publicProcedure.query(({ ctx }) => {
    if (!ctx.app.env.demoInbox || !(ctx.app.notifier instanceof DemoNotifier)) throw new TRPCError({ code: 'NOT_FOUND', message: 'not_found' });
    return ctx.app.notifier.inbox();
  }),
});
