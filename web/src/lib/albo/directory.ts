/**
 * The professionals of the public directory (issue 6 §3): fetched without login, kept on
 * the device beside the associations so the page opens and searches offline once visited.
 * Only what each professional agreed to publish ever arrives (the server's publicProfessional).
 */
import { findService, isAlboLanguage, type AlboLanguage, type PublicProfessional } from '@icaro/domain';
import { api } from '../api/client.ts';
import { getSetting, setSetting } from '../device/index.ts';
import type { NeedFilter } from '../associations/directory.ts';

export interface SavedProfessionals {
  savedAt: string;
  entries: PublicProfessional[];
}

export function parseLanguage(value: string | null): AlboLanguage | null {
  return isAlboLanguage(value) ? value : null;
}

/** A service need matches a professional working in that service's user area. */
export function filterProfessionals(
  entries: readonly PublicProfessional[],
  need: NeedFilter,
  circoscrizione: number | null,
  language: AlboLanguage | null,
): PublicProfessional[] {
  const area = need?.kind === 'area' ? need.area : need?.kind === 'service' ? findService(need.code)?.userArea : undefined;
  return entries.filter((p) => {
    if (circoscrizione !== null && !p.circoscrizioni.includes(circoscrizione)) return false;
    if (area && !p.userAreas.includes(area)) return false;
    if (language && !p.languages.includes(language)) return false;
    return true;
  });
}

/** The server's list when online (and saved), else the saved copy, else null. */
export async function loadProfessionals(): Promise<SavedProfessionals | null> {
  try {
    const entries = await api.albo.directory.query();
    const saved = { savedAt: new Date().toISOString(), entries };
    await setSetting('directoryProfessionals', saved);
    return saved;
  } catch {
    return ((await getSetting('directoryProfessionals')) as SavedProfessionals | undefined) ?? null;
  }
}
