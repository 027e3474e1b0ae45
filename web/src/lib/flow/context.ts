/** What every step page of the request flow gets from the route. */
import type { Draft } from '$lib/device';
import type { StepId } from './flow.ts';

export interface StepProps {
  draft: Draft;
  step: StepId;
  position: { index: number; total: number };
  backHref: string;
  /** Saves the draft durably, then moves to the next page. */
  save: (draft: Draft) => Promise<void>;
}
