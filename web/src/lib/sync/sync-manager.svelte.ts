/**
 * Sync for the signed-in user, as a rune class the screens read from.
 * - One leader tab (Web Locks) runs the SyncEngine and listens to /events; the others
 *   kick it through a BroadcastChannel and get its status back the same way.
 * - Every tab reads the outbox and the pulled dossiers through Dexie live queries, so a
 *   change made or pulled in any tab shows everywhere without a reload.
 * - Sync runs at start, when the network comes back, when the tab becomes visible, on a
 *   timer, and on each poke. Background Sync is not relied on (not in every browser).
 */
import {
  projectDossiers,
  type DossierView,
  type LocalDossier,
  type MutationArgs,
  type MutationName,
  type OutboxEntry,
  type SyncStatus,
} from '@icaro/sync';
import { isOfficeRole } from '@icaro/domain';
import type { UserStore } from '$lib/device';
import type { SessionUser } from '$lib/api/client.ts';
import { electLeader, type LeaderHandle } from './leader.ts';
import type { RunningEngine } from './lazy-engine.ts';
import type { AttachmentUploader } from '$lib/attachments/uploader.ts';
import { nowIso } from '$lib/time.ts';

function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 500 });
    else setTimeout(resolve, 100);
  });
}

type ChannelMessage = { type: 'kick' } | { type: 'hello' } | { type: 'status'; status: SyncStatus };

export class SyncManager {
  outbox = $state.raw<OutboxEntry[]>([]);
  serverDossiers = $state.raw<DossierView[]>([]);
  /** False until the first read from the device: screens wait instead of saying "not found". */
  loaded = $state(false);
  status = $state.raw<SyncStatus>({ state: 'idle', pending: 0, refused: 0, lastSyncAt: null, lastError: null });
  isLeader = $state(false);
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

  /** The server's state with this device's pending mutations replayed on top. */
  readonly dossiers: LocalDossier[] = $derived.by(() =>
    // The engine keeps an applied entry in the outbox until the pull that brings its
    // dossier back has been stored, so nothing flickers out of view in between.
    projectDossiers(this.serverDossiers, this.outbox, {
      user: { id: this.user.id, name: this.user.displayName, role: this.user.role, associationId: this.user.associationId },
      now: nowIso(),
    }),
  );
  readonly pendingCount = $derived(this.outbox.filter((e) => e.status === 'pending').length);
  readonly refusedEntries = $derived(this.outbox.filter((e) => e.status === 'refused'));

  #engine: RunningEngine['engine'] | null = null;
  /** The attachment upload queue, beside the engine in the leader tab ($lib/attachments/uploader.ts). */
  #uploader: AttachmentUploader | null = null;
  #channel: BroadcastChannel | null = null;
  #leader: LeaderHandle | null = null;
  #cleanups: (() => void)[] = [];

  readonly store: UserStore;
  readonly user: SessionUser;

  constructor(store: UserStore, user: SessionUser) {
    this.store = store;
    this.user = user;
  }

  start(): void {
    let outboxSeen = false;
    const markLoaded = () => (this.loaded = outboxSeen && this.#dossiersSeen);
    this.#markLoaded = markLoaded;
    this.#cleanups.push(
      this.store.watchOutbox((rows) => {
        this.outbox = rows;
        outboxSeen = true;
        markLoaded();
      }),
      () => this.#pauseDossiers(),
    );
    // Office staff start on a screen drawn from the server (the queue): their device's
    // dossiers (thousands, decrypted one by one) are read once it is drawn, not before.
    if (isOfficeRole(this.user.role)) void afterFirstPaint().then(() => this.#resumeIfStarted());
    else this.#resumeDossiers();

    if (typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(`icaro-sync-${this.user.id}`);
      channel.onmessage = (e: MessageEvent<ChannelMessage>) => this.#onMessage(e.data);
      this.#channel = channel;
      this.#cleanups.push(() => channel.close());
      channel.postMessage({ type: 'hello' } satisfies ChannelMessage);
    }

    this.#leader = electLeader(`icaro-sync-leader-${this.user.id}`, () => this.#lead());

    const onOnline = () => {
      this.online = true;
      this.requestSync();
    };
    const onOffline = () => (this.online = false);
    const onVisible = () => {
      if (document.visibilityState === 'visible') this.requestSync();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisible);
    this.#cleanups.push(() => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener('visibilitychange', onVisible);
    });
  }

  stop(): void {
    this.#leader?.release();
    this.#leader = null;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#channel = null;
  }

  /** Asks the leader tab (this one or another) to sync soon, and to send queued attachments. */
  requestSync(): void {
    if (this.#engine) {
      this.#engine.requestSync();
      this.#uploader?.kick();
    } else this.#channel?.postMessage({ type: 'kick' } satisfies ChannelMessage);
  }

  /**
   * Validates and queues a mutation with its final id, durably, removing the draft it
   * came from in the same transaction; then asks for a sync.
   */
  async enqueue<N extends MutationName>(name: N, args: MutationArgs[N], fromDraftId: string | null = null): Promise<OutboxEntry> {
    const { makeEntry } = await import('./lazy-engine.ts');
    const entry = await this.store.enqueueFromDraft(fromDraftId, makeEntry(name, args));
    // Show it in this tab at once, without waiting for the live query to come round:
    // the next page (the confirmation) must find the dossier it was sent to.
    if (!this.outbox.some((e) => e.id === entry.id)) this.outbox = [...this.outbox, entry];
    this.requestSync();
    return entry;
  }

  /** Removes a refused entry the user has read. Pending entries are never removed. */
  async dismissRefused(id: string): Promise<void> {
    const entry = this.outbox.find((e) => e.id === id);
    if (entry?.status !== 'refused') return;
    await this.store.syncStorage.removeFromOutbox(id);
  }

  #dossiersSeen = false;
  #markLoaded: () => void = () => {};
  #unwatchDossiers: (() => void) | null = null;
  #bulkPull = false;

  /**
   * The pulled dossiers, re-read whenever the store changes. During a pull of several
   * pages (a first sync) the watch is paused and read once at the end: re-reading every
   * dossier after each page cost more than writing them (docs/benchmarks.md, "Device").
   */
  #resumeDossiers(): void {
    if (this.#unwatchDossiers) return;
    this.#unwatchDossiers = this.store.watchDossiers((rows) => {
      this.serverDossiers = rows;
      this.#dossiersSeen = true;
      this.#markLoaded();
    });
  }

  /** Only while this manager runs and no bulk pull is being written. */
  #resumeIfStarted(): void {
    if (this.#cleanups.length > 0 && !this.#bulkPull) this.#resumeDossiers();
  }

  #pauseDossiers(): void {
    this.#unwatchDossiers?.();
    this.#unwatchDossiers = null;
  }

  #lead(): () => void {
    let running: RunningEngine | null = null;
    let stopped = false;
    this.isLeader = true;
    // Loaded once the first screen is drawn: the engine is not needed to draw it.
    void afterFirstPaint()
      .then(() => import('./lazy-engine.ts'))
      .then(({ runEngine }) => {
        if (stopped) return;
        running = runEngine(
          this.store,
          (status) => {
            this.status = status;
            this.#channel?.postMessage({ type: 'status', status } satisfies ChannelMessage);
          },
          {
            start: () => {
              this.#bulkPull = true;
              this.#pauseDossiers();
            },
            end: () => {
              this.#bulkPull = false;
              this.#resumeIfStarted();
            },
          },
        );
        this.#engine = running.engine;
        return import('$lib/attachments/uploader.ts');
      })
      .then((module) => {
        if (stopped || !module) return;
        this.#uploader = new module.AttachmentUploader(this.store.attachments);
        this.#uploader.start();
      });
    return () => {
      stopped = true;
      // A bulk pull cut short by losing the lead must not leave the dossiers unwatched.
      this.#bulkPull = false;
      this.#resumeIfStarted();
      this.#uploader?.stop();
      this.#uploader = null;
      running?.stop();
      if (this.#engine === running?.engine) this.#engine = null;
      this.isLeader = false;
    };
  }

  #onMessage(message: ChannelMessage): void {
    if (message.type === 'status') this.status = message.status;
    else if (message.type === 'kick') {
      this.#engine?.requestSync();
      this.#uploader?.kick();
    }
    else if (message.type === 'hello' && this.#engine) {
      this.#channel?.postMessage({ type: 'status', status: this.#engine.status } satisfies ChannelMessage);
    }
  }
}
