/**
 * The background's debug hook (the reminder tick, a notification click, what was shown),
 * which the e2e suite drives because headless Chromium shows no notification to click.
 * It goes on the service worker's global scope only in unpacked ("development") installs:
 * the e2e browser and a developer's `npm start`, never a store install.
 */
export async function exposeDebugHook(getSelf: () => Promise<{ installType: string }>, target: object, hook: Record<string, unknown>): Promise<boolean> {
  const self = await getSelf().catch(() => null);
  if (self?.installType !== 'development') return false;
  Object.assign(target, { sightlineDebug: hook });
  return true;
}
