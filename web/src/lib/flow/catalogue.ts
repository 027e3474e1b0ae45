/** The service catalogue as the device has it: bundled with the app, so it works offline. */
import { CATALOGUE, type CatalogueService } from '@icaro/domain';

export function serviceByCode(code: string | null | undefined): CatalogueService | undefined {
  return code ? CATALOGUE.find((s) => s.code === code) : undefined;
}

export function allServices(): readonly CatalogueService[] {
  return CATALOGUE;
}
