/**
 * The public catalogue as the app has it: the domain package's data, bundled at build
 * time and precached by the service worker, so it opens offline and without login
 * (docs/architecture.md, "The public catalogue").
 */
import {
  CATALOGUE,
  CIRCOSCRIZIONI,
  LIFE_SITUATIONS,
  LIFE_SITUATION_LABELS,
  createCatalogueSearch,
  findOffice,
  findService,
  servicesBySituation,
  type CatalogueService,
  type LifeSituation,
} from '@icaro/domain';

export { CATALOGUE, LIFE_SITUATIONS, LIFE_SITUATION_LABELS, findService, servicesBySituation };
export type { CatalogueService, LifeSituation };

let search: ((query: string) => CatalogueService[]) | null = null;

/** Services matching a query, best first; typos are forgiven ("asilo nio"). */
export function searchServices(query: string): CatalogueService[] {
  search ??= createCatalogueSearch(CATALOGUE);
  return search(query);
}

export function isLifeSituation(value: string): value is LifeSituation {
  return (LIFE_SITUATIONS as readonly string[]).includes(value);
}

/** The social-service office of each circoscrizione, with the quartieri it serves. */
export function circoscrizioneOffices() {
  return CIRCOSCRIZIONI.map((c) => ({ circoscrizione: c, office: findOffice(c.officeId)! }));
}
