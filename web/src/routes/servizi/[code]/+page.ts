import type { EntryGenerator } from './$types';
import { CATALOGUE } from '$lib/catalogue/catalogue.ts';

// Every service of the catalogue is prerendered; an unknown code gets the app's own
// "not found" page through the SPA shell.
export const prerender = true;
export const ssr = true;

export const entries: EntryGenerator = () => CATALOGUE.map((service) => ({ code: service.code }));
