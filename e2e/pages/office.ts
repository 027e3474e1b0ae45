import { expect, type Locator, type Page } from '@playwright/test';

/** The office's staff screens (queue, filters, dossier, workload), driven by their accessible names. */
export class OfficeScreens {
  constructor(private readonly page: Page) {}

  get list(): Locator {
    return this.page.getByTestId('queue-list');
  }

  /** Waits for the queue to show the results of the URL it is at. */
  async queue(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Coda dell’ufficio' })).toBeVisible();
    await expect
      .poll(() => this.page.evaluate(() => document.querySelector('[data-loaded-for]')?.getAttribute('data-loaded-for') === location.search))
      .toBe(true);
    await expect(this.page.getByRole('heading', { level: 2, name: /^\d+ richiest[ae]$/ })).toBeVisible();
  }

  /** The filters other than search fold away on a phone: unfold them. */
  async moreFilters(): Promise<void> {
    const more = this.page.locator('details.more');
    if (!(await more.evaluate((d: HTMLDetailsElement) => d.open))) await this.page.getByText(/^Altri filtri/).click();
  }

  async filter(fields: { search?: string; state?: string; risk?: string; assignee?: string }): Promise<void> {
    if (fields.search !== undefined) await this.page.getByLabel('Cerca', { exact: true }).fill(fields.search);
    if (fields.state || fields.risk || fields.assignee) await this.moreFilters();
    if (fields.state) await this.page.getByLabel('Stato', { exact: true }).selectOption({ label: fields.state });
    if (fields.risk) await this.page.getByLabel('Scadenza').selectOption({ label: fields.risk });
    if (fields.assignee) await this.page.getByLabel('Assegnata a').selectOption({ label: fields.assignee });
    const before = this.page.url();
    await this.page.getByRole('button', { name: 'Applica i filtri' }).click();
    await expect(this.page).not.toHaveURL(before);
    await this.queue();
  }

  /** The number in the results heading ("12 richieste"). */
  async total(): Promise<number> {
    const text = await this.page.getByRole('heading', { level: 2, name: /^\d+ richiest[ae]$/ }).textContent();
    return Number(text!.match(/\d+/)![0]);
  }

  async openFirst(): Promise<string> {
    const link = this.list.getByRole('link').first();
    const reference = (await link.locator('.mono').textContent())!.trim();
    await link.click();
    await expect(this.page.getByRole('heading', { level: 1, name: new RegExp(reference) })).toBeVisible({ timeout: 30_000 });
    return reference;
  }

  async assignTo(officer: string): Promise<void> {
    await this.page.getByRole('radio', { name: officer }).check();
    await this.page.getByRole('button', { name: /^(Assegna|Cambia assegnazione)$/ }).click();
    await expect(this.page.getByRole('status').filter({ hasText: `Assegnata a ${officer}` })).toBeVisible();
  }

  async workload(): Promise<void> {
    await this.page.getByRole('link', { name: 'Carico di lavoro degli assistenti sociali' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Carico di lavoro' })).toBeVisible();
    await expect(this.page.getByTestId('workload')).toBeVisible();
  }
}
