import { TRPCError } from '@trpc/server';
import { publicProcedure, router } from '../trpc.ts';
import { DemoNotifier } from '../../notify/demo-notifier.ts';
import { demoTotpSecret } from '../../seed/demo-totp.ts';
import { totpCode, totpStep, TOTP_STEP_SECONDS } from '../../services/totp.ts';

/** Exists only in demo mode: outside it every call is "not found". */
export const demoRouter = router({
  /** The last login codes sent to synthetic demo citizens, newest first. */
  inbox: publicProcedure.query(({ ctx }) => {
    if (!ctx.app.env.demoInbox || !(ctx.app.notifier instanceof DemoNotifier)) throw new TRPCError({ code: 'NOT_FOUND', message: 'not_found' });
    return ctx.app.notifier.inbox();
  }),
  /**
   * What the demo staff's authenticator apps would show now (their secrets are published
   * in seed/demo-totp.ts). Someone who enrolled a secret of their own is not listed.
   */
  staffCodes: publicProcedure.query(({ ctx }) => {
    if (!ctx.app.env.demoInbox) throw new TRPCError({ code: 'NOT_FOUND', message: 'not_found' });
    const now = Date.now();
    const validUntil = (totpStep(now) + 1) * TOTP_STEP_SECONDS * 1000;
    return ctx.app.repos.secondFactor
      .listEnrolled()
      .filter((u) => u.secret === demoTotpSecret(u.username))
      .map((u) => ({ username: u.username, displayName: u.displayName, code: totpCode(u.secret, now), validUntil }));
  }),
});
