/**
 * The catalogue's search: titles count most, then the life situations a service is
 * listed under, the one-line summary, and last the description and who can apply.
 */
import type { CatalogueService } from './catalogue-types.ts';
import { LIFE_SITUATION_LABELS } from './catalogue.ts';
import { createFuzzySearch } from './search.ts';

export function createCatalogueSearch(services: readonly CatalogueService[]): (query: string) => CatalogueService[] {
  const search = createFuzzySearch(services, (s) => [
    { text: s.title, weight: 3 },
    { text: s.lifeSituations.map((l) => LIFE_SITUATION_LABELS[l]).join(' '), weight: 2 },
    { text: s.summary, weight: 1.5 },
    { text: `${s.description} ${s.whoCanApply}`, weight: 1 },
  ]);
  return (query) => search(query).map((hit) => hit.item);
}
