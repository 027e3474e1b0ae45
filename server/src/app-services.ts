import type { Env } from './env.ts';
import type { Db } from './db/client.ts';
import { createRepositories, type Repositories } from './repositories/index.ts';
import { createAuthService, type AuthService } from './services/auth.service.ts';
import { createDossierService } from './services/dossier.service.ts';
import { createSyncService, type SyncService } from './services/sync.service.ts';
import { PokeHub } from './services/pokes.ts';
import { createDueDateKeeper, createQueueService, type DueDateKeeper, type QueueService } from './services/queue.service.ts';
import type { Logger } from './logger.ts';
import { createLoginCodeService, type LoginCodeService } from './services/login-code.service.ts';
import { createNotifier } from './notify/index.ts';
import type { Notifier } from './notify/notifier.ts';
import { createAssociationsService, type AssociationsService } from './services/associations.service.ts';
import { createNeedsService, type NeedsService } from './services/needs.service.ts';
import { createAuditService, type AuditService } from './services/audit.service.ts';
import { createAnagrafeService, type AnagrafeService } from './services/anagrafe.service.ts';
import { createAlboService, type AlboService } from './services/albo.service.ts';
import { createMediatorsService, type MediatorsService } from './services/mediators.service.ts';
import { createSpendingService, type SpendingService } from './services/spending.service.ts';
import { createCaseWorkService, type CaseWorkService } from './services/case-work.service.ts';
import { createReportsService, type ReportsService } from './services/reports.service.ts';
import { createStatsKeeper, type StatsKeeper } from './services/stats-keeper.ts';
import { createAttachmentService, type AttachmentService } from './services/attachments.service.ts';
import { createThreadsService, type ThreadsService } from './services/threads.service.ts';
import { createConflictsService, type ConflictsService } from './services/conflicts.service.ts';
import { createPrivacyService, type PrivacyService } from './services/privacy.service.ts';

/** The composition root: one place that wires repositories into services. */
export interface AppServices {
  env: Env;
  db: Db;
  log: Logger;
  repos: Repositories;
  auth: AuthService;
  sync: SyncService;
  pokes: PokeHub;
  queue: QueueService;
  dueDates: DueDateKeeper;
  notifier: Notifier;
  loginCodes: LoginCodeService;
  associations: AssociationsService;
  needs: NeedsService;
  audit: AuditService;
  anagrafe: AnagrafeService;
  albo: AlboService;
  mediators: MediatorsService;
  spending: SpendingService;
  caseWork: CaseWorkService;
  reports: ReportsService;
  /** The reports' pre-aggregated statistics, kept with every status event. */
  stats: StatsKeeper;
  attachments: AttachmentService;
  threads: ThreadsService;
  conflicts: ConflictsService;
  /** The data subject's rights and the retention purge. */
  privacy: PrivacyService;
}

export function createAppServices(env: Env, db: Db, log: Logger): AppServices {
  const repos = createRepositories(db);
  const pokes = new PokeHub();
  const dueDates = createDueDateKeeper(repos);
  const dossiers = createDossierService(repos, dueDates);
  const auth = createAuthService(repos, env);
  const notifier = createNotifier(env, log);
  const needs = createNeedsService(repos);
  const conflicts = createConflictsService(db, repos, (changes) => pokes.notify(changes.touched));
  return {
    env,
    db,
    log,
    repos,
    auth,
    notifier,
    loginCodes: createLoginCodeService({ repos, env, auth, notifier, log }),
    sync: createSyncService({ db, repos, dossiers, needs, pokes, log, conflicts }),
    conflicts,
    associations: createAssociationsService(db, repos),
    needs,
    audit: createAuditService(db, repos),
    albo: createAlboService({ db, repos, notifier, pokes, log }),
    mediators: createMediatorsService({ db, repos, pokes }),
    anagrafe: createAnagrafeService(repos, (fn) => db.$client.transaction(fn)(), (changes) => pokes.notify(changes.touched)),
    spending: createSpendingService({
      repos,
      dossiers,
      transaction: (fn) => db.$client.transaction(fn)(),
      onCommitted: (changes) => pokes.notify(changes.touched),
    }),
    caseWork: createCaseWorkService(repos, (fn) => db.$client.transaction(fn)()),
    threads: createThreadsService(db, repos, (scopes) => pokes.notify(scopes)),
    attachments: createAttachmentService({
      repos,
      dataDir: env.DATA_DIR,
      maxChunkBytes: env.MAX_BODY_BYTES,
      quotaBytes: env.ATTACHMENT_QUOTA_MB * 1024 * 1024,
      transaction: (fn) => db.$client.transaction(fn)(),
    }),
    pokes,
    queue: createQueueService(repos),
    dueDates,
    reports: createReportsService(repos),
    stats: createStatsKeeper(repos),
    privacy: createPrivacyService({
      db,
      repos,
      retentionYears: env.PRIVACY_RETENTION_YEARS,
      dataDir: env.DATA_DIR,
      log,
      onCommitted: (changes) => pokes.notify(changes.touched),
    }),
  };
}
