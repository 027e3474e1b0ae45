/**
 * The tRPC client. Same origin as the app, so the session cookie goes along by itself.
 * Only the router's type is imported from the server, never its code.
 */
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppRouter, SessionUser } from '@icaro/server/router';

export type { SessionUser };

export const api = createTRPCClient<AppRouter>({
  // Queries go as GET, mutations as POST application/json: the server's CSRF rules
  // accept nothing else. The URL cap keeps batched GETs under Node's 16 KB limit.
  links: [httpBatchLink({ url: '/trpc', maxURLLength: 8000 })],
});

export type ApiFailure =
  | { kind: 'network' }
  | { kind: 'unauthorized'; code: string }
  | { kind: 'forbidden'; code: string }
  | { kind: 'rate_limited'; retryAfterMs?: number }
  | { kind: 'server'; status: number }
  | { kind: 'bad_request'; status: number; code: string };

/**
 * Sorts any error from a call into what the app can act on. No HTTP answer at all, or
 * an answer that is not tRPC's JSON, is 'network': the outcome is unknown.
 */
export function classifyApiError(error: unknown): ApiFailure {
  if (!(error instanceof TRPCClientError)) return { kind: 'network' };
  const data = error.data as { httpStatus?: number; code?: string } | undefined;
  const response = (error.meta as { response?: Response } | undefined)?.response;
  const status = data?.httpStatus ?? response?.status;
  const code = error.message;
  if (status === undefined) return { kind: 'network' };
  if (status === 401) return { kind: 'unauthorized', code };
  if (status === 403) return { kind: 'forbidden', code };
  if (status === 429) return { kind: 'rate_limited', ...retryAfter(response) };
  if (status >= 500) return { kind: 'server', status };
  if (status >= 400) return { kind: 'bad_request', status, code };
  return { kind: 'network' };
}

function retryAfter(response: Response | undefined): { retryAfterMs?: number } {
  const header = response?.headers.get('Retry-After');
  if (!header) return {};
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return { retryAfterMs: Math.max(0, seconds * 1000) };
  const at = Date.parse(header);
  return Number.isNaN(at) ? {} : { retryAfterMs: Math.max(0, at - Date.now()) };
}
