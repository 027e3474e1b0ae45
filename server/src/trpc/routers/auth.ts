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
        const { token, user } = await ctx.app.auth.login(input.username, input.password, ctx.ip);
        ctx.res.appendHeader('Set-Cookie', sessionCookie(token, ctx.app.env));
        return { user };
      } catch (error) {
        if (!(error instanceof LoginError)) throw error;
        if (error.code === 'rate_limited') {
          ctx.res.setHeader('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
          throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'rate_limited' });
        }
        // The same answer for an unknown user and a wrong password.
        throw new TRPCError({ code: 'UNAUTHORIZED', message: 'invalid_credentials' });
      }
    }),
  logout: procedureFor('session.self').mutation(({ ctx }) => {
    ctx.app.auth.logout(ctx.sessionToken);
    ctx.res.appendHeader('Set-Cookie', clearSessionCookie(ctx.app.env));
    return { ok: true as const };
  }),
  me: publicProcedure.query(({ ctx }) => ctx.user),
});
