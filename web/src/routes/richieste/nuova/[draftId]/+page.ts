import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { session } from '$lib/session/session.svelte.ts';
import { firstIncompleteStep } from '$lib/flow/flow.ts';
import type { PageLoad } from './$types';

/** "Riprendi": opens a saved draft at its first unanswered page. */
export const load: PageLoad = async ({ params, parent }) => {
  await parent();
  const draft = await session.sync?.store.getDraft(params.draftId);
  if (!draft) redirect(307, resolve('/'));
  redirect(307, resolve('/richieste/nuova/[draftId]/[step]', { draftId: draft.id, step: firstIncompleteStep(draft) }));
};
