/** Builders shared by the sync tests. */
import { uuidv7 } from 'uuidv7';
import type { SubmitArgs } from '../mutations.ts';
import type { Scheduler } from '../scheduler.ts';
import type { ModelUser } from './model-server.ts';

export const operator: ModelUser = { id: 'u-operator', name: 'Rosalia Operatrice', role: 'association_operator', associationId: 'ass-1' };
export const frontDesk: ModelUser = { id: 'u-desk', name: 'Giuseppe Sportello', role: 'front_desk' };
export const head: ModelUser = { id: 'u-head', name: 'Maria Responsabile', role: 'head_of_procedure' };

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function submitArgs(n: number, overrides: Partial<SubmitArgs> = {}): SubmitArgs {
  const letter = LETTERS[n % 26] ?? 'A';
  return {
    dossierId: uuidv7(),
    reference: `REF-${String(n).padStart(6, '0')}`,
    serviceCode: 'PA-ANZ-01',
    serviceVersion: 1,
    applicant: {
      codiceFiscale: `RSSMRA80A01G27${letter}${letter}`,
      givenName: 'Mario',
      familyName: 'Rossi',
      circoscrizione: (n % 8) + 1,
    },
    answers: { household: 2, alone: false, note: 'Vive al piano terra' },
    ...overrides,
  };
}

/** Lets every pending promise callback and zero-delay real timer run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Timers driven by hand: `advance(ms)` fires what falls due, in order. */
export class ManualScheduler implements Scheduler {
  now = 0;
  #next = 1;
  readonly #timers = new Map<number, { at: number; fn: () => void }>();

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#timers.set(id, { at: this.now + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Delays of the timers still pending, from now, soonest first. */
  pending(): number[] {
    return [...this.#timers.values()].map((t) => t.at - this.now).sort((a, b) => a - b);
  }

  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      await flush();
      const due = [...this.#timers.entries()].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = end;
    await flush();
  }
}
