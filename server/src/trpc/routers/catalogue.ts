import { publicProcedure, router } from '../trpc.ts';

export const catalogueRouter = router({
  /** The public list of services: no login needed (citizens asked for a plain list). */
  list: publicProcedure.query(({ ctx }) => ctx.app.repos.catalogue.listCurrent()),
});
