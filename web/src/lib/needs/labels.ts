/** "2026-03" as people read it ("marzo 2026"). */
export function monthLabel(month: string, locale: string): string {
  const [y, mo] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, mo - 1, 15)));
}
