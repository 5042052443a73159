import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createApi } from '../lib/api.ts';
import { createHandlers } from '../lib/background-handlers.ts';
import { db } from '../lib/db.ts';
import { exposeDebugHook } from '../lib/debug-hook.ts';
import { listen } from '../lib/messages.ts';
import { createOutbox } from '../lib/outbox.ts';
import { createReminders } from '../lib/publish/reminders.ts';
import { connectionItem } from '../lib/settings.ts';

const outboxAlarm = 'outbox-replay';
const remindersAlarm = 'due-posts';

export default defineBackground(() => {
  const getConnection = () => connectionItem.getValue();
  const api = createApi({ db: db(), getConnection });
  const outbox = createOutbox({ db: db(), send: (entry) => api.sendWrite(entry), workspace: async () => (await getConnection()).workspace });
  const reminders = createReminders({
    api,
    outbox,
    db: db(),
    isPaired: async () => (await getConnection()).token !== null,
    async notify(id, { title, message }) {
      await browser.notifications.create(id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title,
        message,
        // Chrome: keep it on screen until acted on (a post is due). Firefox's API has no such option.
        ...(import.meta.env.BROWSER !== 'firefox' && { requireInteraction: true }),
      });
    },
    openTab: async (url) => (await browser.tabs.create({ url, active: true })).id ?? -1,
  });

  listen(
    createHandlers({
      api,
      outbox,
      db: db(),
      reminders,
      getConnection,
      setConnection: (c) => connectionItem.setValue(c),
      deviceLabel: `Sightline extension (${import.meta.env.BROWSER})`,
    }),
  );

  const onNotificationClicked = async (notificationId: string) => {
    const opened = await reminders.notificationClicked(notificationId);
    if (opened) await browser.notifications.clear(notificationId);
    return opened;
  };
  browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id).catch((err: unknown) => console.warn('[sightline] opening the composer failed', err)));
  // Composer tabs that closed no longer need their pending post.
  browser.tabs.onRemoved.addListener((tabId) => void db().composerTabs.delete(tabId));

  // Alarms survive service-worker shutdowns (a bare setInterval would not); replay respects each entry's backoff.
  // Created once: re-creating an alarm on every wake-up restarts its period, and a worker woken
  // more often than once a minute (messages from busy pages) would then never see it fire.
  for (const name of [outboxAlarm, remindersAlarm]) {
    void browser.alarms.get(name).then(async (existing) => {
      if (!existing) await browser.alarms.create(name, { periodInMinutes: 1 });
    });
  }
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === outboxAlarm) void outbox.replay();
    if (alarm.name === remindersAlarm) void reminders.tick().catch((err: unknown) => console.warn('[sightline] reminder tick failed', err));
  });
  browser.runtime.onStartup.addListener(() => {
    void reminders.browserStarted().catch((err: unknown) => console.warn('[sightline] clearing composer tabs failed', err));
    void outbox.replay();
  });
  // Also whenever the service worker wakes (install, update, a message, the alarm).
  void outbox.replay();

  void exposeDebugHook(() => browser.management.getSelf(), globalThis, {
    tick: () => reminders.tick(),
    notificationClicked: onNotificationClicked,
    reminders: () => db().reminders.toArray(),
  });
});
