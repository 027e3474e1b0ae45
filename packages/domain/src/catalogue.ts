/**
 * The seed of the service catalogue: the 15 services of DOMAIN.md. It is data, not
 * code: the server seeds its database from it and an administrator may then edit it,
 * raising `version`. The device receives the catalogue through sync; this copy is the
 * first version and the fixture for tests.
 *
 * Every service is handled by the social-service office of the applicant's
 * circoscrizione (see territory.ts); economic benefits are paid by the Ragioneria.
 */
import type { CatalogueService, LifeSituation } from './catalogue-types.ts';
import { ASSEGNO_MATERNITA, EDUCATIVA_DOMICILIARE, FAMIGLIE_NUMEROSE, RETTA_ASILO_NIDO } from './catalogue/family.ts';
import { ASSISTENZA_DOMICILIARE, ASSISTENZA_DOMICILIARE_INTEGRATA, RETTA_RESIDENZIALE } from './catalogue/elderly.ts';
import { CENTRO_DIURNO_DISABILI, RIMBORSO_CURE_FUORI_COMUNE, TRASPORTO_DISABILI } from './catalogue/disability-health.ts';
import { BUONI_SPESA, CONTRIBUTO_AFFITTO, CONTRIBUTO_STRAORDINARIO, MENSA_SOCIALE, PRIMO_ACCESSO } from './catalogue/poverty.ts';

export const CATALOGUE: readonly CatalogueService[] = [
  PRIMO_ACCESSO,
  CONTRIBUTO_STRAORDINARIO,
  BUONI_SPESA,
  CONTRIBUTO_AFFITTO,
  MENSA_SOCIALE,
  FAMIGLIE_NUMEROSE,
  ASSEGNO_MATERNITA,
  EDUCATIVA_DOMICILIARE,
  RETTA_ASILO_NIDO,
  ASSISTENZA_DOMICILIARE,
  ASSISTENZA_DOMICILIARE_INTEGRATA,
  RETTA_RESIDENZIALE,
  TRASPORTO_DISABILI,
  CENTRO_DIURNO_DISABILI,
  RIMBORSO_CURE_FUORI_COMUNE,
];

/** Labels of the life situations, for browsing the catalogue ("Cosa ti serve?"). */
export const LIFE_SITUATION_LABELS: Readonly<Record<LifeSituation, string>> = {
  anziani: 'Anziani',
  famiglia: 'Famiglia e figli',
  disabilita: 'Disabilità',
  difficolta_economiche: 'Difficoltà economiche',
  casa: 'Casa e affitto',
  salute: 'Salute e cure',
  primo_accesso: 'Non so a chi rivolgermi',
};

export function findService(code: string): CatalogueService | undefined {
  return CATALOGUE.find((s) => s.code === code);
}

/** The services for a life situation, in catalogue order. */
export function servicesBySituation(situation: LifeSituation): readonly CatalogueService[] {
  return CATALOGUE.filter((s) => s.lifeSituations.includes(situation));
}
