/**
 * The public directory of associations: fetched without login and kept on the device,
 * so that it opens offline once visited (issue 6, §3). Filtering happens here, over a
 * few hundred entries at most, so a search works offline too.
 */
import { USER_AREAS, findService, type UserArea } from '@icaro/domain';
import type { PublicAssociation } from '@icaro/server/router';
import { api } from '../api/client.ts';
import { getSetting, setSetting } from '../device/index.ts';

/** One association as the public directory shows it: the server's type, not a copy. */
export type DirectoryEntry = PublicAssociation;

export interface SavedDirectory {
  savedAt: string;
  entries: DirectoryEntry[];
}

/** A need, as the search offers it: a user area, or a catalogue service. */
export type NeedFilter = { kind: 'area'; area: UserArea } | { kind: 'service'; code: string } | null;

export function parseNeed(value: string | null): NeedFilter {
  if (!value) return null;
  if ((USER_AREAS as readonly string[]).includes(value)) return { kind: 'area', area: value as UserArea };
  return findService(value) ? { kind: 'service', code: value } : null;
}

export function filterDirectory(entries: readonly DirectoryEntry[], need: NeedFilter, circoscrizione: number | null): DirectoryEntry[] {
  return entries.filter((e) => {
    if (circoscrizione !== null && !e.circoscrizioni.includes(circoscrizione)) return false;
    if (need?.kind === 'area' && !e.userAreas.includes(need.area)) return false;
    if (need?.kind === 'service' && !e.serviceCodes.includes(need.code)) return false;
    return true;
  });
}

/** The server's list when online (and saved), else the saved copy, else null. */
export async function loadDirectory(): Promise<SavedDirectory | null> {
  try {
    const entries = await api.associations.directory.query();
    const saved = { savedAt: new Date().toISOString(), entries };
    await setSetting('directory', saved);
    return saved;
  } catch {
    return ((await getSetting('directory')) as SavedDirectory | undefined) ?? null;
  }
}
