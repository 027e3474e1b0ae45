import { expect, type Page } from '@playwright/test';

export interface Applicant {
  codiceFiscale: string;
  givenName: string;
  familyName: string;
  phone: string;
  circoscrizione: string; // the option's visible name, e.g. "I Circoscrizione"
}

const CONTINUE = { name: 'Continua' } as const;

/** A radio whose label starts with the text (labels may carry a hint after it). */
function startsWith(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`);
}

/** The association operator's screens, driven by their accessible names. */
export class OperatorFlow {
  constructor(private readonly page: Page) {}

  async startNewRequest(): Promise<void> {
    await this.page.getByRole('link', { name: 'Nuova richiesta' }).first().click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Per chi è la richiesta?' })).toBeVisible();
  }

  async continue(): Promise<void> {
    await this.page.getByRole('button', CONTINUE).click();
  }

  /** Continues from a page that is answered, and waits until the next page is shown. */
  async advance(): Promise<void> {
    const h1 = this.page.getByRole('heading', { level: 1 });
    const current = ((await h1.textContent()) ?? '').trim();
    await this.continue();
    await expect(h1).not.toHaveText(current);
  }

  async heading(name: string | RegExp): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  async newPerson(applicant: Applicant): Promise<void> {
    await this.page.getByRole('radio', { name: 'Una persona che non è nell’elenco' }).check();
    await this.advance();
    await this.heading('Qual è il codice fiscale della persona?');
    await this.page.getByLabel('Codice fiscale').fill(applicant.codiceFiscale);
    await this.advance();
    await this.heading('Come si chiama la persona?');
    await this.page.getByLabel('Nome', { exact: true }).fill(applicant.givenName);
    await this.page.getByLabel('Cognome').fill(applicant.familyName);
    await this.advance();
    await this.heading('A quale numero possiamo chiamare la persona?');
    await this.page.getByRole('textbox', { name: 'A quale numero possiamo chiamare la persona?' }).fill(applicant.phone);
    await this.advance();
    await this.heading('In quale circoscrizione abita la persona?');
    await this.page.getByRole('radio', { name: startsWith(applicant.circoscrizione) }).check();
    await this.advance();
  }

  async chooseService(title: string): Promise<void> {
    await this.heading('Quale servizio chiede la persona?');
    await this.page.getByRole('radio', { name: startsWith(title) }).check();
    await this.advance();
  }

  async answerText(question: string, value: string): Promise<void> {
    await this.heading(question);
    await this.page.getByLabel(question).fill(value);
    await this.advance();
  }

  async answerChoice(question: string, option: string): Promise<void> {
    await this.heading(question);
    await this.page.getByRole('radio', { name: startsWith(option) }).check();
    await this.advance();
  }

  /**
   * Continues past the pages of the service's documents (attaching nothing) until the
   * consent page: documents are not compulsory, and tests that attach one do it themselves.
   */
  async skipDocuments(): Promise<void> {
    const consent = this.page.getByRole('heading', { level: 1, name: 'Come ha dato il consenso la persona?' });
    const documentPage = this.page.getByText(/^Documento \d+ di \d+$/);
    for (let i = 0; i < 10; i++) {
      await expect(consent.or(documentPage)).toBeVisible();
      if (await consent.isVisible()) return;
      const h1 = (await this.page.getByRole('heading', { level: 1 }).textContent()) ?? '';
      await this.continue();
      await expect(this.page.getByRole('heading', { level: 1 })).not.toHaveText(h1);
    }
  }

  async consentBySignature(): Promise<void> {
    await this.skipDocuments();
    await this.heading('Come ha dato il consenso la persona?');
    await this.page.getByRole('radio', { name: startsWith('Ha firmato il modulo di consenso') }).check();
    await this.sign();
    await this.advance();
  }

  /** Draws a signature on the pad with the mouse, as a person would with a finger. */
  async sign(): Promise<void> {
    const pad = this.page.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * 0.1, y);
    await this.page.mouse.down();
    for (let i = 1; i <= 8; i++) await this.page.mouse.move(box.x + box.width * (0.1 + i * 0.1), y + (i % 2 ? -10 : 10), { steps: 2 });
    await this.page.mouse.up();
    await expect(this.page.getByText('La firma c’è.')).toBeVisible();
  }

  async consentByWitness(witness: string): Promise<void> {
    await this.skipDocuments();
    await this.heading('Come ha dato il consenso la persona?');
    await this.page.getByRole('radio', { name: startsWith('Ha detto di sì a voce, davanti a un testimone') }).check();
    await this.page.getByLabel('Nome e cognome del testimone').fill(witness);
    await this.advance();
  }

  async submitFromReview(): Promise<void> {
    await this.heading('Controlla la richiesta prima di inviarla');
    await this.page.getByRole('button', { name: 'Invia la richiesta' }).click();
    await this.heading('Richiesta registrata');
  }

  syncStatus() {
    return this.page.getByRole('status').filter({ hasText: /in attesa di invio|Tutto inviato|Senza connessione|Invio/ }).first();
  }
}
