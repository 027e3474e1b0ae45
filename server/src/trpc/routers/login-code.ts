import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import { publicProcedure, router } from '../trpc.ts';
import { oneTimeCodeDigits } from '@icaro/domain';
import { CodeLoginError } from '../../services/login-code.service.ts';
import { sessionCookie } from '../../http/cookies.ts';
import type { Context } from '../context.ts';

function toTrpcError(ctx: Context, error: unknown): never {
  if (!(error instanceof CodeLoginError)) throw error;
  switch (error.code) {
    case 'rate_limited':
      ctx.res.setHeader('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'rate_limited' });
    case 'invalid_cf':
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'invalid_cf' });
    default:
      // A wrong code, and a code for nobody, get the same answer.
      throw new TRPCError({ code: 'UNAUTHORIZED', message: error.code });
  }
}

/** Citizens' sign-in by codice fiscale and one-time code (docs/security.md). */
export const loginCodeRouter = router({
  /** The same reply whether or not the codice fiscale is known; never the code. */
  request: publicProcedure.input(z.strictObject({ codiceFiscale: z.string().trim().min(1).max(40) })).mutation(({ ctx, input }) => {
    try {
      return ctx.app.loginCodes.requestCode(input.codiceFiscale, ctx.ip);
    } catch (error) {
      toTrpcError(ctx, error);
    }
  }),
  verify: publicProcedure
    .input(
      z.strictObject({
        challengeId: z.uuid(),
        // Pasted codes may carry spaces ("123 456"): they are not part of it.
        code: z
          .string()
          .transform(oneTimeCodeDigits)
          .pipe(z.string()),
      }),
    )
    .mutation(({ ctx, input }) => {
      try {
        const { token, user } = ctx.app.loginCodes.verifyCode(input.challengeId, input.code);
        ctx.res.appendHeader('Set-Cookie', sessionCookie(token, ctx.app.env));
        return { user };
      } catch (error) {
        toTrpcError(ctx, error);
      }
    }),
});
