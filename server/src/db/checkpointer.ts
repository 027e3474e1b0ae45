/**
 * WAL checkpoints off the request path.
 *
 * With journal_mode=WAL a commit appends to the -wal file and, with synchronous=FULL,
 * syncs it: that is what makes an acknowledged push durable. Copying the WAL back into
 * the database file (a checkpoint) is a separate step that SQLite by default runs inside
 * the commit that crosses 1,000 pages, so every few pushes one waits for a second round
 * of writes and syncs that it does not need (measured: about a third of a push's time).
 *
 * Here a worker thread with its own connection runs PASSIVE checkpoints a few times a
 * second: they copy what is committed without taking the write lock, so they never hold
 * up a push and a push never waits for them. Durability does not change (commits still
 * sync the WAL; a crash replays it). If the worker falls behind under a long burst, the
 * request connection's own checkpoint still runs once the WAL passes FALLBACK_PAGES, so
 * the file stays bounded.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** The request connection checkpoints by itself past this many WAL pages (64 MB of 4 KB pages). */
const FALLBACK_PAGES = 16_384;
/** After a checkpoint has emptied the WAL, SQLite truncates the file down to this size. */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
const run = () => {
  try {
    checkpoint.get();
  } catch {
    // Busy or closing: the next round, or the request connection's fallback, does it.
  }
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  run();
  try {
    db.close();
  } catch {
    // The files may be gone already (a test's temporary directory): nothing left to keep.
  }
  // Tells the closing thread, which waits on this cell, that the connection is closed.
  Atomics.store(workerData.closed, 0, 1);
  Atomics.notify(workerData.closed, 0);
  parentPort.close();
});
`;

/** How long closing the database waits for the worker's connection to close. */
const STOP_TIMEOUT_MS = 5_000;

/**
 * Starts the checkpointer for a database file. The returned function stops it: the worker
 * runs a last checkpoint and closes its connection, and the function returns only once
 * that connection is closed (or after STOP_TIMEOUT_MS). Call it before closing the
 * request connection, so that the request connection is the last one and SQLite's own
 * close-time checkpoint removes the -wal and -shm files while nothing else touches them.
 */
export function startCheckpointer(sqlite: Database.Database, file: string, intervalMs = 200): () => void {
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const closed = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, file, intervalMs, closed } });
  // Never what keeps the process alive; an error only loses the offloading, not data.
  worker.unref();
  let running = true;
  worker.on('error', (error) => {
    running = false;
    // The request connection's own checkpoints take over: slower pushes, same data.
    process.emitWarning(`WAL checkpointer stopped: ${String(error)}`);
  });
  worker.on('exit', () => {
    running = false;
  });
  return () => {
    if (!running) return;
    running = false;
    worker.postMessage('stop');
    // Blocks this thread only; the worker closes its connection on its own thread.
    Atomics.wait(closed, 0, 0, STOP_TIMEOUT_MS);
  };
}
