import type { EntryGenerator } from './$types';
import { LIFE_SITUATIONS } from '$lib/catalogue/catalogue.ts';

// One prerendered page per life situation.
export const prerender = true;
export const ssr = true;

export const entries: EntryGenerator = () => LIFE_SITUATIONS.map((situation) => ({ situation }));
