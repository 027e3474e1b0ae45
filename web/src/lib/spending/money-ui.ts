/**
 * Small helpers of the spending screens: month names and the server's refusals, which
 * travel as a code plus figures ("over_allocation:{\"remainingCents\":40000,...}").
 */

/** "marzo 2026" for "2026-03". */
export function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export interface Refusal {
  code: string;
  detail: Record<string, string | number>;
}

/** The code and figures of a refusal from the server, or null for a network failure. */
export function parseRefusal(error: unknown): Refusal | null {
  const data = (error as { data?: { httpStatus?: number } } | null)?.data;
  const message = (error as { message?: unknown } | null)?.message;
  if (!data?.httpStatus || typeof message !== 'string') return null;
  const colon = message.indexOf(':');
  if (colon < 0) return { code: message, detail: {} };
  try {
    return { code: message.slice(0, colon), detail: JSON.parse(message.slice(colon + 1)) as Record<string, string | number> };
  } catch {
    return { code: message.slice(0, colon), detail: {} };
  }
}

/** The Italian (or English) sentence for a refusal code, or the generic one. */
export function refusalText(refusals: { generic: string }, code: string): string {
  return (refusals as Record<string, string | undefined>)[code] ?? refusals.generic;
}
