import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import { procedureFor, publicProcedure, router } from '../trpc.ts';
import { AssociationError } from '../../services/associations.service.ts';

const STATUS = {
  not_found: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  invalid_code: 'BAD_REQUEST',
  weak_password: 'BAD_REQUEST',
  already_approved: 'CONFLICT',
} as const;

async function mapped<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AssociationError) throw new TRPCError({ code: STATUS[error.code], message: error.code });
    throw error;
  }
}

const operatorInput = z.strictObject({ operatorId: z.uuid() });

/**
 * The third-sector registry: a public directory of approved associations, approval by
 * the city's administrator, and each association's administrator managing its operators.
 */
export const associationsRouter = router({
  /** No login: organisational contacts only, never a person. */
  directory: publicProcedure.query(({ ctx }) => ctx.app.associations.directory()),
  adminList: procedureFor('association.approve').query(({ ctx }) => ctx.app.associations.adminList()),
  approve: procedureFor('association.approve')
    .input(z.strictObject({ associationId: z.string().min(1).max(40) }))
    .mutation(({ ctx, input }) => mapped(() => ctx.app.associations.approve(ctx.user, input.associationId))),
  mine: procedureFor('association.manage').query(({ ctx }) => mapped(() => ctx.app.associations.mine(ctx.user))),
  invite: procedureFor('association.manage')
    .input(z.strictObject({ displayName: z.string().trim().min(2).max(100) }))
    .mutation(({ ctx, input }) => mapped(() => ctx.app.associations.invite(ctx.user, input.displayName))),
  deactivate: procedureFor('association.manage')
    .input(operatorInput)
    .mutation(({ ctx, input }) => mapped(() => ctx.app.associations.deactivate(ctx.user, input.operatorId))),
  reactivate: procedureFor('association.manage')
    .input(operatorInput)
    .mutation(({ ctx, input }) => mapped(() => ctx.app.associations.reactivate(ctx.user, input.operatorId))),
  /** The invited operator sets a password with the one-time code (60 random bits). */
  acceptInvitation: publicProcedure
    .input(z.strictObject({ code: z.string().trim().min(12).max(20), password: z.string().min(1).max(128) }))
    .mutation(({ ctx, input }) => mapped(() => ctx.app.associations.acceptInvitation(input.code, input.password))),
});
