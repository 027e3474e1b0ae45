import { router } from './trpc.ts';
import { authRouter } from './routers/auth.ts';
import { syncRouter } from './routers/sync.ts';
import { catalogueRouter } from './routers/catalogue.ts';
import { queueRouter } from './routers/queue.ts';
import { loginCodeRouter } from './routers/login-code.ts';
import { demoRouter } from './routers/demo.ts';
import { associationsRouter } from './routers/associations.ts';
import { needsRouter } from './routers/needs.ts';
import { auditRouter, dossierRouter } from './routers/audit.ts';
import { anagrafeRouter } from './routers/anagrafe.ts';
import { attachmentsRouter } from './routers/attachments.ts';
import { alboRouter, mediatorsRouter } from './routers/albo.ts';
import { caseWorkRouter, spendingRouter } from './routers/spending.ts';
import { statsRouter } from './routers/stats.ts';
import { threadsRouter } from './routers/threads.ts';
import { conflictsRouter } from './routers/conflicts.ts';
import { myRequestsRouter } from './routers/my-requests.ts';
import { privacyRouter } from './routers/privacy.ts';

export const appRouter = router({
  auth: authRouter,
  sync: syncRouter,
  catalogue: catalogueRouter,
  queue: queueRouter,
  loginCode: loginCodeRouter,
  demo: demoRouter,
  associations: associationsRouter,
  needs: needsRouter,
  dossier: dossierRouter,
  audit: auditRouter,
  anagrafe: anagrafeRouter,
  attachments: attachmentsRouter,
  albo: alboRouter,
  mediators: mediatorsRouter,
  spending: spendingRouter,
  caseWork: caseWorkRouter,
  stats: statsRouter,
  threads: threadsRouter,
  conflicts: conflictsRouter,
  myRequests: myRequestsRouter,
  privacy: privacyRouter,
});

export type AppRouter = typeof appRouter;
export type { SessionUser } from '../services/auth.service.ts';
export type { PublicAssociation } from '../services/associations.service.ts';
export type { AlboApplicantView, AlboReviewView, AlboListItem, MediatorCandidate } from '../services/albo.service.ts';
export type { MediatorView } from '../repositories/albo.repo.ts';
export type { CitizenPeople, KnownPersonFacts } from '../services/my-requests.service.ts';
export type { PrivacyExport, PersonSummary, ErasureResult } from '../services/privacy.service.ts';
