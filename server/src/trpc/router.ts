import { router } from './trpc.ts';
import { authRouter } from './routers/auth.ts';
import { syncRouter } from './routers/sync.ts';
import { catalogueRouter } from './routers/catalogue.ts';

export const appRouter = router({
  auth: authRouter,
  sync: syncRouter,
  catalogue: catalogueRouter,
});

export type AppRouter = typeof appRouter;
export type { SessionUser } from '../services/auth.service.ts';
