import { procedureFor, router } from '../trpc.ts';

/**
 * What the anagrafe import raised for the caller's office: open dossiers whose person
 * moved to another circoscrizione. Only the head of procedure (who assigns and transfers).
 */
export const anagrafeRouter = router({
  flags: procedureFor('dossier.assign').query(({ ctx }) => (ctx.user.officeId ? ctx.app.anagrafe.openFlags(ctx.user.officeId) : [])),
});
