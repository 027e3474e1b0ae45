import { expect, type Page } from '@playwright/test';

/** The demo citizen's codice fiscale (server/src/seed/users.ts, DEMO_CITIZEN). */
export const DEMO_CITIZEN_CF = 'CSMRSL48L55G273P';

/** The public catalogue and the citizen's sign-in, driven by accessible names. */
export class CitizenPages {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async openCatalogue(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/servizi`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Quali servizi' })).toBeVisible();
  }

  async search(query: string): Promise<void> {
    await this.page.getByLabel('Cerca un servizio').fill(query);
    await this.page.getByRole('button', { name: 'Cerca' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: `Risultati per “${query}”` })).toBeVisible();
  }

  async continue(): Promise<void> {
    await this.page.getByRole('button', { name: 'Continua' }).click();
  }

  /** Step 1: the codice fiscale, then on to the code page. */
  async requestCode(cf = DEMO_CITIZEN_CF): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Qual è il tuo codice fiscale?' })).toBeVisible();
    await this.page.getByLabel('Qual è il tuo codice fiscale?').fill(cf);
    await this.continue();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Scrivi il codice che ti abbiamo mandato' })).toBeVisible();
  }

  /** The newest code in the demo inbox, read in another tab as a citizen would. */
  async codeFromDemoInbox(): Promise<string> {
    const inbox = await this.page.context().newPage();
    await inbox.goto(`${this.baseUrl}/demo/posta`);
    await expect(inbox.getByTestId('demo-banner')).toContainText('DEMO');
    const code = (await inbox.getByTestId('demo-code').first().textContent())?.trim() ?? '';
    await inbox.close();
    expect(code).toMatch(/^\d{6}$/);
    return code;
  }

  /** The whole sign-in from /accedi/cittadino, with the code from the demo inbox; ends on the start page. */
  async signIn(cf = DEMO_CITIZEN_CF, startHeading = 'Le mie richieste'): Promise<void> {
    await this.page.goto(`${this.baseUrl}/accedi/cittadino`);
    await this.requestCode(cf);
    await this.enterCode(await this.codeFromDemoInbox());
    await expect(this.page.getByRole('heading', { level: 1, name: startHeading })).toBeVisible();
  }

  /** Step 2: the code, pasted (with the space a mail client may add). */
  async enterCode(code: string): Promise<void> {
    const field = this.page.getByLabel('Scrivi il codice che ti abbiamo mandato');
    await field.focus();
    await this.page.keyboard.insertText(`${code.slice(0, 3)} ${code.slice(3)}`);
    await this.continue();
  }
}
