import { session } from '$lib/session/session.svelte.ts';
import { isStepId } from '$lib/flow/flow.ts';
import type { PageLoad } from './$types';

/** Reads the draft from the device before the page draws, so a reload resumes it. */
export const load: PageLoad = async ({ params, parent, url }) => {
  await parent();
  const store = session.sync?.store;
  const draft = store ? ((await store.getDraft(params.draftId)) ?? null) : null;
  return {
    draft,
    step: isStepId(params.step) ? params.step : null,
    returning: url.searchParams.get('ritorno') === 'riepilogo',
  };
};
