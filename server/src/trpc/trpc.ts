import { initTRPC, TRPCError } from '@trpc/server';
import { hasPermission, type Permission } from '@icaro/domain';
import type { Context } from './context.ts';

/**
 * Every procedure declares the permission it needs in its meta. There is no default
 * allow: a procedure is built either by `publicProcedure` (which says so explicitly)
 * or by `procedureFor(permission)`; a test walks the router and fails on any other.
 */
export interface Meta {
  permission: Permission | 'public';
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    isDev: false,
    errorFormatter({ shape, error }) {
      // Never a stack trace to the client, and no internals in unexpected errors.
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        message: internal ? 'internal_error' : shape.message,
        code: shape.code,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.meta({ permission: 'public' });

export function procedureFor(permission: Permission) {
  return t.procedure.meta({ permission }).use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'not_authenticated' });
    if (!hasPermission(ctx.user.role, permission)) throw new TRPCError({ code: 'FORBIDDEN', message: 'forbidden' });
    return next({ ctx: { ...ctx, user: ctx.user } });
  });
}
