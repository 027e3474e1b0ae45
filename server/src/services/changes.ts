import type { ChangeScope, SyncRepo } from '../repositories/sync.repo.ts';

/**
 * Writes change-log rows for the entities a transaction touches, and remembers their
 * scopes so the devices concerned can be poked once the transaction has committed.
 */
export class ChangeRecorder {
  readonly touched: ChangeScope[] = [];
  constructor(private readonly sync: SyncRepo) {}

  put(entity: string, entityId: string, scope: ChangeScope, at: string): void {
    const mediators = this.sync.appendChange(entity, entityId, 'put', scope, at);
    this.touched.push(scope);
    // The professionals mediating on a dossier got their rows too (sync.repo): poke them as well.
    for (const userId of mediators) this.touched.push({ officeId: null, associationId: null, personId: null, userId });
  }
}
