import type { BrowserContext, Locator, Page } from 'playwright-core';

export interface BadgeInfo {
  trendId: string;
  score: number;
  text: string;
  /** data-fixture of the post the badge sits in. */
  post: string | null;
}

const badgeSelector = '[data-sightline="trend-badge"]';

/** A social site page (fixture-served) with Sightline's trend badges on its posts. */
export class FeedPage {
  readonly page: Page;

  private constructor(page: Page) {
    this.page = page;
  }

  static async open(context: BrowserContext, url: string): Promise<FeedPage> {
    const page = await context.newPage();
    await page.goto(url);
    return new FeedPage(page);
  }

  badge(trendId: string): Locator {
    return this.page.locator(`${badgeSelector}[data-trend-id="${trendId}"]`);
  }

  async waitForBadge(trendId: string): Promise<Locator> {
    const b = this.badge(trendId);
    await b.waitFor({ state: 'visible', timeout: 30_000 });
    return b;
  }

  /** Every badge host on the page, with its text as rendered inside the shadow root. */
  async badges(): Promise<BadgeInfo[]> {
    return this.page.locator(badgeSelector).evaluateAll((hosts) =>
      hosts.map((h) => ({
        trendId: h.getAttribute('data-trend-id') ?? '',
        score: Number(h.getAttribute('data-score')),
        text: (h.shadowRoot?.querySelector('.label')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        post: h.closest('[data-fixture]')?.getAttribute('data-fixture') ?? null,
      })),
    );
  }

  /** The fixture's router: pushState plus new content, as the real single-page apps do. */
  async navigate(path: string, templateId: string): Promise<void> {
    await this.page.evaluate(([p, t]) => (window as unknown as { fixtureNavigate(p: string, t: string): void }).fixtureNavigate(p!, t!), [path, templateId]);
  }

  async save(trendId: string): Promise<string> {
    const button = this.badge(trendId).locator('button');
    await button.click();
    await button.filter({ hasNotText: /^(Save|Saving…)$/ }).waitFor({ timeout: 30_000 });
    return button.innerText();
  }
}
