/**
 * Leader election among the tabs of one user, with Web Locks: the tab holding the lock
 * syncs; when it closes, the browser hands the lock to the next tab waiting for it.
 * Without Web Locks (an insecure origin, an old browser) every tab leads: the server
 * deduplicates by mutation id, so that is only wasteful, never wrong.
 */
export interface LeaderHandle {
  /** Gives up leadership, or stops waiting for it. */
  release(): void;
}

export function electLeader(name: string, onLead: () => () => void): LeaderHandle {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) {
    const stopLeading = onLead();
    return { release: stopLeading };
  }
  const abort = new AbortController();
  let finish: () => void = () => {};
  const held = new Promise<void>((resolve) => (finish = resolve));
  locks
    .request(name, { signal: abort.signal }, async () => {
      const stopLeading = onLead();
      try {
        await held;
      } finally {
        stopLeading();
      }
    })
    .catch((error: unknown) => {
      // An abort while still waiting is the normal way out.
      if (!(error instanceof DOMException && error.name === 'AbortError')) console.error(error);
    });
  return {
    release() {
      abort.abort();
      finish();
    },
  };
}
