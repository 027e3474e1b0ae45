import type { Db } from '../db/client.ts';
import { createUsersRepo } from './users.repo.ts';
import { createSessionsRepo } from './sessions.repo.ts';
import { createPersonsRepo } from './persons.repo.ts';
import { createDossiersRepo } from './dossiers.repo.ts';
import { createSyncRepo } from './sync.repo.ts';
import { createProtocolRepo } from './protocol.repo.ts';
import { createCatalogueRepo } from './catalogue.repo.ts';
import { createQueueRepo } from './queue.repo.ts';
import { createLoginCodesRepo } from './login-codes.repo.ts';
import { createAssociationsRepo } from './associations.repo.ts';
import { createNeedsRepo } from './needs.repo.ts';
import { createAuditRepo } from './audit.repo.ts';
import { createAnagrafeRepo } from './anagrafe.repo.ts';
import { createAlboRepo } from './albo.repo.ts';
import { createAttachmentsRepo } from './attachments.repo.ts';
import { createThreadsRepo } from './threads.repo.ts';
import { createSpendingRepo } from './spending.repo.ts';
import { createCaseNotesRepo } from './case-notes.repo.ts';
import { createReportsRepo } from './reports.repo.ts';
import { createConflictsRepo } from './conflicts.repo.ts';
import { createPrivacyRepo } from './privacy.repo.ts';
import { createSecondFactorRepo } from './second-factor.repo.ts';

export function createRepositories(db: Db) {
  return {
    users: createUsersRepo(db),
    sessions: createSessionsRepo(db),
    persons: createPersonsRepo(db),
    dossiers: createDossiersRepo(db),
    sync: createSyncRepo(db),
    protocol: createProtocolRepo(db),
    catalogue: createCatalogueRepo(db),
    queue: createQueueRepo(db),
    loginCodes: createLoginCodesRepo(db),
    associations: createAssociationsRepo(db),
    needs: createNeedsRepo(db),
    audit: createAuditRepo(db),
    anagrafe: createAnagrafeRepo(db),
    albo: createAlboRepo(db),
    attachments: createAttachmentsRepo(db),
    threads: createThreadsRepo(db),
    spending: createSpendingRepo(db),
    caseNotes: createCaseNotesRepo(db),
    reports: createReportsRepo(db),
    conflicts: createConflictsRepo(db),
    privacy: createPrivacyRepo(db),
    secondFactor: createSecondFactorRepo(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
