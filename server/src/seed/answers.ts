import type { Answers, FormDefinition, Question } from '@icaro/domain';
import { visibleQuestions } from '@icaro/domain';
import type { Random } from './random.ts';

/** Plausible answers to a service's form, following its conditional steps. */
export function generateAnswers(form: FormDefinition, random: Random, today: string): Answers {
  const answers: Answers = {};
  // Answer in order: later questions may depend on earlier answers.
  for (const q of form.questions) {
    if (!visibleQuestions(form, answers).some((v) => v.id === q.id)) continue;
    if (!q.required && random.chance(0.3)) continue;
    answers[q.id] = answerFor(q, random, today);
  }
  return answers;
}

function answerFor(q: Question, random: Random, today: string): string | number | boolean {
  switch (q.kind) {
    case 'choice':
      return random.pick(q.options ?? [{ value: 'altro', label: '' }]).value;
    case 'yesno':
      return random.chance(0.5);
    case 'number':
      return random.int(q.min ?? 0, Math.min(q.max ?? 10, (q.min ?? 0) + 10));
    case 'money':
      return random.int(Math.max(q.min ?? 0, 5_000), Math.min(q.max ?? 2_000_000, 1_500_000));
    case 'date': {
      const year = Number(today.slice(0, 4)) - random.int(0, 3);
      const month = String(random.int(1, 12)).padStart(2, '0');
      const day = String(random.int(1, 28)).padStart(2, '0');
      const date = `${year}-${month}-${day}`;
      return date > today ? today : date;
    }
    case 'phone':
      return `33${random.int(10000000, 99999999)}`;
    case 'email':
      return `utente${random.int(1000, 9999)}@esempio.it`;
    case 'textarea':
      return 'Descrizione di esempio, generata per la città dimostrativa.';
    case 'text':
      return 'Dato di esempio';
  }
}
