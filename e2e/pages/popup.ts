import type { BrowserContext, Page } from 'playwright-core';

export interface PopupTrend {
  id: string;
  name: string;
  score: number;
  platforms: string;
}

/** The browser-action popup, opened as a tab at chrome-extension://ID/popup.html. */
export class PopupPage {
  readonly page: Page;

  private constructor(page: Page) {
    this.page = page;
  }

  static async open(context: BrowserContext, extensionId: string): Promise<PopupPage> {
    const page = await context.newPage();
    await page.setViewportSize({ width: 364, height: 600 });
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    return new PopupPage(page);
  }

  /** Waits until the background refresh has finished (online or offline). */
  async settled(): Promise<void> {
    await this.page.locator('[data-testid="trends"], [data-testid="offline"], [data-testid="unpaired"]').first().waitFor();
    await this.page.getByTestId('workspace').filter({ hasNotText: 'refreshing' }).waitFor({ state: 'attached' });
  }

  async trends(): Promise<PopupTrend[]> {
    return this.page.getByTestId('trend').evaluateAll((items) =>
      items.map((li) => ({
        id: li.getAttribute('data-trend-id') ?? '',
        name: li.querySelector('.trend-name')?.textContent ?? '',
        score: Number(li.querySelector('[data-testid="trend-score"]')?.textContent),
        platforms: li.querySelector('.muted')?.textContent ?? '',
      })),
    );
  }

  async offlineMark(): Promise<string | null> {
    const el = this.page.getByTestId('offline');
    return (await el.count()) ? el.innerText() : null;
  }

  async outboxLine(): Promise<string | null> {
    const el = this.page.getByTestId('outbox');
    return (await el.count()) ? el.innerText() : null;
  }

  async screenshot(file: string): Promise<void> {
    await this.page.locator('main').screenshot({ path: file });
  }
}
