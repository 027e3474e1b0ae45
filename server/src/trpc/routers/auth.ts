import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import { procedureFor, publicProcedure, router } from '../trpc.ts';
import { LoginError } from '../../services/auth.service.ts';
import { clearSessionCookie, sessionCookie } from '../../http/cookies.ts';

export const authRouter = router({
  login: publicProcedure
    .input(z.strictObject({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(1024) }))
    .mutation(async ({ ctx, input }) => {
      try {
        const outcome = await ctx.app.auth.login(input.username, input.password, ctx.ip);
        // Staff: the password is right, the second factor comes next (auth.secondFactor).
        if ('secondFactor' in outcome) return { user: null, secondFactor: outcome.secondFactor };
        ctx.res.appendHeader('Set-Cookie', sessionCookie(outcome.token, ctx.app.env));
        return { user: outcome.user, secondFactor: null };
      } catch (error) {
        throw loginFailure(ctx.res, error);
      }
    }),
  /** The code from the authenticator app, after a staff member's password (and, the first time, confirming the new secret). */
  secondFactor: publicProcedure
    .input(z.strictObject({ ticket: z.string().min(20).max(100), code: z.string().trim().max(20) }))
    .mutation(({ ctx, input }) => {
      try {
        const { token, user } = ctx.app.auth.verifySecondFactor(input.ticket, input.code, ctx.ip);
        ctx.res.appendHeader('Set-Cookie', sessionCookie(token, ctx.app.env));
        return { user };
      } catch (error) {
        throw loginFailure(ctx.res, error);
      }
    }),
  logout: procedureFor('session.self').mutation(({ ctx }) => {
    ctx.app.auth.logout(ctx.sessionToken);
    ctx.res.appendHeader('Set-Cookie', clearSessionCookie(ctx.app.env));
    return { ok: true as const };
  }),
  me: publicProcedure.query(({ ctx }) => ctx.user),
});

function loginFailure(res: { setHeader(name: string, value: string): unknown }, error: unknown): unknown {
  if (!(error instanceof LoginError)) return error;
  if (error.code === 'rate_limited') {
    res.setHeader('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
    return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'rate_limited' });
  }
  // The same answer for an unknown user and a wrong password; the second factor says which step failed.
  return new TRPCError({ code: 'UNAUTHORIZED', message: error.code });
}
