import type { BrowserContext, Page } from 'playwright-core';

export class OptionsPage {
  readonly page: Page;

  private constructor(page: Page) {
    this.page = page;
  }

  static async open(context: BrowserContext, extensionId: string): Promise<OptionsPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return new OptionsPage(page);
  }

  async pair(workerUrl: string, code: string): Promise<void> {
    await this.page.getByLabel('Worker URL').fill(workerUrl);
    await this.page.getByLabel('Pairing code').fill(code);
    await this.page.getByRole('button', { name: 'Pair' }).click();
    await this.page.locator('[data-testid="paired"], [data-testid="error"]').first().waitFor();
  }

  async error(): Promise<string | null> {
    const el = this.page.getByTestId('error');
    return (await el.count()) ? el.innerText() : null;
  }

  workspaceName(): Promise<string> {
    return this.page.getByTestId('workspace-name').innerText();
  }

  /** Signs up a workspace and pairs this browser's extension with it through the options page. */
  static async signUpAndPair(context: BrowserContext, extensionId: string, workerUrl: string, api: { signup(name: string): Promise<unknown>; pairingCode(): Promise<{ code: string }> }, workspace: string): Promise<void> {
    await api.signup(workspace);
    const { code } = await api.pairingCode();
    const options = await OptionsPage.open(context, extensionId);
    await options.pair(workerUrl, code);
    const error = await options.error();
    if (error) throw new Error(`pairing failed: ${error}`);
    await options.page.close();
  }
}
