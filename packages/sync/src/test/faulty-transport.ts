/**
 * A SyncTransport to the model server that injects the network faults of QUALITY.md §3.
 * Each call (push or pull) takes the next fault from the queue; an empty queue is a
 * healthy network. Requests and responses cross as JSON, as they would on the wire.
 */
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../protocol.ts';
import { TransportError, type SyncTransport } from '../types.ts';
import type { ModelServer, ModelUser } from './model-server.ts';

export const FAULTS = [
  'ok',
  /** Lost before the server saw it. */
  'drop_request',
  /** The server committed, the reply was lost. */
  'drop_response',
  /** Delivered twice; the device reads the second reply. */
  'duplicate',
  /** A copy is held back and delivered later, just before the next request. */
  'delayed_copy',
  /** A 5xx before anything was applied. */
  'server_error',
  /** A 5xx after the first mutation of the batch was committed. */
  'crash_mid_batch',
  /** A 429 with Retry-After. */
  'rate_limited',
  /** A 401: the session expired. */
  'unauthorized',
] as const;
/**
 * The server commits and the reply never comes: the page was closed or reloaded mid-sync.
 * Kept out of FAULTS because the caller's sync() never settles.
 */
export type Fault = (typeof FAULTS)[number] | 'hang_after_commit';

const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class FaultyTransport implements SyncTransport {
  readonly faults: Fault[] = [];
  readonly calls: { kind: 'push' | 'pull'; fault: Fault }[] = [];
  #held: (() => void) | null = null;
  /** Resolved before each call completes, so tests can hold a call in flight. */
  gate: Promise<void> | null = null;

  constructor(
    readonly server: ModelServer,
    public user: ModelUser,
  ) {}

  push(request: PushRequest): Promise<PushResponse> {
    return this.#call('push', request, (req, crashAfter) => this.server.push(this.user, req, { crashAfter }));
  }

  pull(request: PullRequest): Promise<PullResponse> {
    return this.#call('pull', request, (req) => this.server.pull(this.user, req));
  }

  async #call<Q, R>(kind: 'push' | 'pull', request: Q, handle: (req: Q, crashAfter?: number) => R): Promise<R> {
    const fault = this.faults.shift() ?? 'ok';
    this.calls.push({ kind, fault });
    if (this.gate) await this.gate;
    const held = this.#held;
    this.#held = null;
    if (held) {
      try {
        held();
      } catch {
        // a stale copy's reply goes nowhere
      }
    }
    const req = wire(request);
    switch (fault) {
      case 'drop_request':
        throw new TransportError('network', 'Request lost');
      case 'server_error':
        throw new TransportError('server', 'HTTP 503');
      case 'rate_limited':
        throw new TransportError('rate_limited', 'HTTP 429', 5_000);
      case 'unauthorized':
        throw new TransportError('unauthorized', 'HTTP 401');
      case 'crash_mid_batch':
        handle(req, 1);
        throw new TransportError('server', 'HTTP 500');
      case 'drop_response':
        handle(req);
        throw new TransportError('network', 'Response lost');
      case 'duplicate':
        try {
          handle(wire(request));
        } catch {
          // the first copy's reply is lost; the second one answers
        }
        return wire(handle(req));
      case 'hang_after_commit':
        handle(req);
        return new Promise<R>(() => undefined);
      case 'delayed_copy':
        this.#held = () => handle(wire(request));
        return wire(handle(req));
      case 'ok':
        return wire(handle(req));
    }
  }
}
