import { describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { classifyApiError } from './client.ts';
import { toTransportError } from './transport.ts';

function serverError(message: string, httpStatus: number, headers: Record<string, string> = {}) {
  return new TRPCClientError(message, {
    result: { error: { message, code: -32000, data: { httpStatus, code: 'X' } } },
    meta: { response: new Response(null, { status: httpStatus, headers }) },
  });
}

describe('API errors', () => {
  it('treats no answer at all as network: outcome unknown', () => {
    expect(classifyApiError(new TRPCClientError('Failed to fetch', { cause: new TypeError('Failed to fetch') }))).toEqual({ kind: 'network' });
    expect(classifyApiError(new Error('boom'))).toEqual({ kind: 'network' });
  });

  it('reads the status of tRPC errors and of bare HTTP refusals', () => {
    expect(classifyApiError(serverError('invalid_credentials', 401))).toEqual({ kind: 'unauthorized', code: 'invalid_credentials' });
    expect(classifyApiError(serverError('rate_limited', 429, { 'Retry-After': '30' }))).toEqual({ kind: 'rate_limited', retryAfterMs: 30_000 });
    const bare = new TRPCClientError('Unexpected token', { meta: { response: new Response(null, { status: 403 }) } });
    expect(classifyApiError(bare)).toEqual({ kind: 'forbidden', code: 'Unexpected token' });
    expect(classifyApiError(serverError('internal_error', 500))).toEqual({ kind: 'server', status: 500 });
  });

  it('maps to the engine transport kinds', () => {
    expect(toTransportError(serverError('x', 401)).kind).toBe('unauthorized');
    expect(toTransportError(serverError('x', 403)).kind).toBe('unauthorized');
    expect(toTransportError(serverError('x', 413)).kind).toBe('bad_request');
    expect(toTransportError(serverError('x', 503)).kind).toBe('server');
    const limited = toTransportError(serverError('x', 429, { 'Retry-After': '2' }));
    expect([limited.kind, limited.retryAfterMs]).toEqual(['rate_limited', 2000]);
    expect(toTransportError(new TypeError('offline')).kind).toBe('network');
  });
});
