import { resolve } from '$app/paths';
import type { StepId } from './flow.ts';

/** The URL of a step; `returning` keeps the "come back to the riepilogo" mark. */
export function stepHref(draftId: string, step: StepId, returning = false): string {
  return returning && step !== 'riepilogo'
    ? resolve('/richieste/nuova/[draftId]/[step]?ritorno=riepilogo', { draftId, step })
    : resolve('/richieste/nuova/[draftId]/[step]', { draftId, step });
}
