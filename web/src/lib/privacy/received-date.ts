/** The date a written request arrived, from the three fields of a DateField: ISO, or null when not a real, past or present day. */
export function receivedOn(day: string, month: string, year: string, today: string): string | null {
  const d = Number(day.trim());
  const m = Number(month.trim());
  const y = Number(year.trim());
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || y < 2000) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  const iso = date.toISOString().slice(0, 10);
  return iso <= today ? iso : null;
}
