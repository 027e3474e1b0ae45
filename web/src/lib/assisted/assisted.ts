/**
 * Whom a request is for, when the signed-in user is filling in or filed it on someone
 * else's behalf: an operator for a citizen, or a citizen for a member of their household.
 */
import type { DossierView } from '@icaro/sync';

interface Viewer {
  id: string;
  role: string;
  personId: string | null;
}

/**
 * The applicant's name when `viewer` filed the dossier for someone else, else null. For a
 * citizen, `selfCf` (their own codice fiscale, when the device knows it) also recognises a
 * request still waiting to be sent, whose view has no person id yet.
 */
export function assistedName(dossier: Pick<DossierView, 'applicant' | 'filedBy'>, viewer: Viewer, selfCf?: string | null): string | null {
  if (dossier.filedBy.userId !== viewer.id) return null;
  if (viewer.role === 'citizen') {
    const own = selfCf
      ? dossier.applicant.codiceFiscale === selfCf
      : dossier.applicant.personId === '' || dossier.applicant.personId === viewer.personId;
    if (own) return null;
  }
  return `${dossier.applicant.givenName} ${dossier.applicant.familyName}`.trim();
}
