/**
 * Saves data as a JSON file the person keeps (GDPR art. 20: structured, commonly used,
 * machine-readable). Built in the page from the answer already received: no second request.
 */
export function downloadJson(fileName: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "dati-personali-<codice fiscale>-<date>.json". */
export function exportFileName(codiceFiscale: string, generatedAt: string): string {
  return `dati-personali-${codiceFiscale.replace(/[^A-Za-z0-9-]/g, '')}-${generatedAt.slice(0, 10)}.json`;
}
