/**
 * Tells when a pull runs over several pages (a first sync, a device back after long),
 * so the screens can stop re-reading the device's store after every page and read it
 * once at the end: with 10,000 dossiers the re-reads cost more than the writes
 * (docs/benchmarks.md, "Device"). A pull of one page (every ordinary sync) is not bulk.
 */
import { withApplyPull, type SyncStorage, type SyncTransport } from '@icaro/sync';

export interface BulkPullHooks {
  /** A pull page said more is coming: from now until `end`, pages are written in a row. */
  start(): void;
  /** The last page is written, or the run stopped half-way. Called once per `start`. */
  end(): void;
}

export function watchBulkPulls(
  storage: SyncStorage,
  transport: SyncTransport,
  hooks: BulkPullHooks,
): { storage: SyncStorage; transport: SyncTransport; runEnded(): void } {
  let bulk = false;
  let lastPage = true;
  const end = () => {
    if (!bulk) return;
    bulk = false;
    hooks.end();
  };
  return {
    // The engine asks for the next page before writing this one: remember now whether
    // this page was the last, before the next answer changes it.
    storage: withApplyPull(storage, async (changes, cursor, reset) => {
      const last = lastPage;
      try {
        await storage.applyPull(changes, cursor, reset);
      } finally {
        if (last) end();
      }
    }),
    transport: {
      push: (request) => transport.push(request),
      async pull(request) {
        const page = await transport.pull(request);
        lastPage = !page.more;
        if (page.more && !bulk) {
          bulk = true;
          hooks.start();
        }
        return page;
      },
    },
    /** The engine's run is over (whatever its outcome): a bulk pull cut short ends here. */
    runEnded: end,
  };
}
