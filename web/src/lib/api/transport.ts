/**
 * The engine's SyncTransport over tRPC. Every call has a deadline: a request that hangs
 * would otherwise hold the engine in 'syncing' for ever. A timeout is a 'network'
 * error, so the engine retries the same mutation ids (I7).
 */
import { TransportError, type PullRequest, type PullResponse, type PushRequest, type PushResponse, type SyncTransport } from '@icaro/sync';
import { api, classifyApiError } from './client.ts';

const TIMEOUT_MS = 30_000;

export class TrpcSyncTransport implements SyncTransport {
  async push(request: PushRequest): Promise<PushResponse> {
    try {
      // JSON turns `result: unknown` into an optional key in the inferred type; same data.
      return (await api.sync.push.mutate(request, { signal: AbortSignal.timeout(TIMEOUT_MS) })) as PushResponse;
    } catch (error) {
      throw toTransportError(error);
    }
  }

  async pull(request: PullRequest): Promise<PullResponse> {
    try {
      return await api.sync.pull.query(request, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw toTransportError(error);
    }
  }
}

export function toTransportError(error: unknown): TransportError {
  const failure = classifyApiError(error);
  switch (failure.kind) {
    case 'network':
      return new TransportError('network', 'no answer');
    case 'unauthorized':
    case 'forbidden':
      // Both need the user to act (sign in again, or as someone allowed): retrying won't help.
      return new TransportError('unauthorized', failure.code);
    case 'rate_limited':
      return new TransportError('rate_limited', 'too many requests', failure.retryAfterMs);
    case 'server':
      return new TransportError('server', `HTTP ${failure.status}`);
    case 'bad_request':
      return new TransportError('bad_request', `HTTP ${failure.status}: ${failure.code}`);
  }
}
