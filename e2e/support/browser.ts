import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Route } from 'playwright-core';
import { root } from '../../scripts/wrangler.ts';

export const extensionDir = path.join(root, '.output', 'chrome-mv3');
export const artifactsDir = path.join(root, 'artifacts');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium as root on a machine with no outside network (see ../shared/docs/STACK.md). */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

/** Chromium with the built extension loaded, headless, talking to nothing but what we route. */
export async function launchWithExtension(opts: { args?: readonly string[] } = {}): Promise<ExtensionBrowser> {
  // Debian's chromium, never a Playwright-downloaded browser (no downloads in CI).
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'sightline-e2e-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1100, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...chromiumFlags,
      ...(opts.args ?? []),
    ],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(sw.url()).host;
  mkdirSync(artifactsDir, { recursive: true });
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const fixtures = path.join(root, 'e2e', 'fixtures');
const pages: Record<string, string> = {
  'www.linkedin.com': 'linkedin-feed.html',
  'x.com': 'x-home.html',
  'www.youtube.com': 'youtube-home.html',
};

/**
 * Pages served at one exact URL (origin + path + query), relative to the repo root; other
 * URLs on a site get the site's page above. The extractors' own fixtures are reused as is.
 */
export const urlFixtures: Record<string, string> = {
  'https://x.com/sightline_demo': 'extension/sites/x/fixtures/profile.html',
  'https://www.youtube.com/@demochannel/videos': 'extension/sites/youtube/fixtures/channel.html',
  'https://www.linkedin.com/company/sightline-demo/posts/': 'extension/sites/linkedin/fixtures/company-posts.html',
  'https://x.com/compose/post': 'e2e/fixtures/x-compose.html',
  'https://www.linkedin.com/feed/?shareActive=true': 'e2e/fixtures/linkedin-share.html',
};

/** The fixture file served for a page URL on one of the sites, or null. */
export function fixtureFor(url: URL): string | null {
  const exact = urlFixtures[`${url.origin}${url.pathname}${url.search}`];
  return exact ? path.join(root, exact) : pages[url.hostname] ? path.join(fixtures, pages[url.hostname]!) : null;
}

/**
 * Serves the hand-made fixtures on the real hostnames (so the content scripts' match
 * patterns apply); every other request to those sites gets a 404.
 */
export async function routeSites(context: BrowserContext): Promise<void> {
  await context.route(/^https:\/\/(www\.linkedin\.com|x\.com|www\.youtube\.com)\//, (route: Route) => {
    const file = fixtureFor(new URL(route.request().url()));
    if (route.request().resourceType() !== 'document' || !file) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(file, 'utf8') });
  });
}
