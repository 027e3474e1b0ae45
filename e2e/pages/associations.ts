import { expect, type Page } from '@playwright/test';

/** The third-sector screens: the public directory, needs reports, association and city administration. */
export class AssociationPages {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async heading(name: string | RegExp): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  async openDirectory(query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/associazioni${query}`);
    await this.heading('Associazioni e professionisti');
    await expect(this.page.getByTestId('directory-count')).toBeVisible();
  }

  async searchDirectory(need: string, circoscrizione: string): Promise<void> {
    await this.page.getByLabel('Di cosa hai bisogno?').selectOption({ label: need });
    await this.page.getByLabel('Circoscrizione').selectOption({ label: circoscrizione });
    await this.page.getByRole('button', { name: 'Cerca' }).click();
  }

  async openNeedsForm(): Promise<void> {
    await this.page.getByRole('link', { name: 'Segnala un bisogno' }).click();
    await this.heading('Segnala un bisogno');
  }

  async fileNeedsReport(r: { circoscrizione: string; area: string; need: string; people: string; urgency: string; description: string }): Promise<void> {
    await this.page.getByLabel('In quale circoscrizione?').selectOption({ label: r.circoscrizione });
    await this.page.getByRole('group', { name: 'Chi riguarda?' }).getByLabel(r.area).check();
    await this.page.getByLabel('Che bisogno hai visto?').selectOption({ label: r.need });
    await this.page.getByRole('group', { name: 'Quante persone riguarda, più o meno?' }).getByLabel(r.people).check();
    await this.page.getByRole('group', { name: 'Quanto è urgente?' }).getByLabel(r.urgency).check();
    await this.page.getByLabel('Descrivi quello che hai visto').fill(r.description);
    await this.page.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await expect(this.page.getByTestId('needs-sent')).toBeVisible();
  }

  async openStaffNeeds(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/ufficio/bisogni`);
    await this.heading('Bisogni segnalati');
  }
}
