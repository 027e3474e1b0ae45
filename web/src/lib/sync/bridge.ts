/**
 * Keeps a just-acknowledged submission on screen until its dossier is pulled.
 * The engine settles the outbox and applies the pull in separate transactions, so for a
 * moment the dossier is neither pending on the device nor in the pulled data; without
 * this the confirmation page would flash "not found".
 */
import { projectDossiers, type DossierView, type LocalDossier, type OutboxEntry, type ViewContext } from '@icaro/sync';

export function dossierIdOf(entry: OutboxEntry): string | undefined {
  const args = entry.args as { dossierId?: unknown } | null;
  return typeof args?.dossierId === 'string' ? args.dossierId : undefined;
}

/** Pending submissions seen before (read or enqueued here) that are no longer in the outbox. */
export function newlyAcknowledged(seen: readonly OutboxEntry[], rows: readonly OutboxEntry[]): OutboxEntry[] {
  const still = new Set(rows.map((e) => e.id));
  return seen.filter((e) => !still.has(e.id) && e.status === 'pending' && e.name === 'dossier.submit@1');
}

/** Drops the bridged entries whose dossier has now been pulled. */
export function stillUnpulled(acknowledged: readonly OutboxEntry[], server: readonly DossierView[]): OutboxEntry[] {
  const ids = new Set(server.map((d) => d.id));
  return acknowledged.filter((e) => !ids.has(dossierIdOf(e) ?? ''));
}

/** The device's view, with acknowledged-but-unpulled submissions shown as sent. */
export function projectWithBridge(
  server: readonly DossierView[],
  outbox: readonly OutboxEntry[],
  acknowledged: readonly OutboxEntry[],
  ctx: ViewContext,
): LocalDossier[] {
  const bridging = stillUnpulled(acknowledged, server);
  const projected = projectDossiers(server, [...bridging, ...outbox], ctx);
  if (bridging.length === 0) return projected;
  const stillPending = new Set(outbox.filter((e) => e.status === 'pending').map(dossierIdOf));
  const bridged = new Set(bridging.map(dossierIdOf));
  return projected.map((d) => (bridged.has(d.id) && !stillPending.has(d.id) ? { ...d, pending: false } : d));
}
