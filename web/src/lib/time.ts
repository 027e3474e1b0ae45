/** The current time as ISO 8601, as stored in drafts, outbox entries and the view. */
export function nowIso(): string {
  return new Date().toISOString();
}
