import { describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { it as core } from '../i18n/it.ts';
import { itExtra } from '../i18n/it-extra.ts';
import { mergeMessages } from '../i18n/merge.ts';
import { monthLabel, parseRefusal, refusalText } from './money-ui.ts';

const messages = mergeMessages(core, itExtra);

/** A refusal as the tRPC client hands it over: the server's message and HTTP status. */
function refused(message: string, httpStatus: number): unknown {
  return TRPCClientError.from({ error: { message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus } } } as never);
}

describe('the spending screens’ helpers', () => {
  it('name months in Italian and English', () => {
    expect(monthLabel('2026-03', 'it')).toBe('marzo 2026');
    expect(monthLabel('2026-12', 'en')).toBe('December 2026');
  });

  it('read a refusal’s code and figures, and tell a network failure apart', () => {
    expect(parseRefusal(refused('over_allocation:{"remainingCents":40000,"shortfallCents":10000}', 422))).toEqual({
      code: 'over_allocation',
      detail: { remainingCents: 40000, shortfallCents: 10000 },
    });
    expect(parseRefusal(refused('already_decided', 409))).toEqual({ code: 'already_decided', detail: {} });
    expect(parseRefusal(new TypeError('Failed to fetch'))).toBeNull();
  });

  it('has an Italian sentence for every refusal the server sends, and a fallback', () => {
    const codes = [
      'not_found',
      'forbidden',
      'invalid',
      'not_economic',
      'stale_state',
      'transition_not_allowed',
      'already_decided',
      'over_allocation',
      'override_reason_required',
      'over_benefit',
      'not_payable',
      'id_conflict',
    ];
    for (const code of codes) expect(refusalText(messages.spending.refusals, code)).not.toBe(messages.spending.refusals.generic);
    expect(refusalText(messages.spending.refusals, 'something_new')).toBe(messages.spending.refusals.generic);
  });
});
