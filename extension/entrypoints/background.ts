import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createApi } from '../lib/api.ts';
import { createHandlers } from '../lib/background-handlers.ts';
import { db } from '../lib/db.ts';
import { listen } from '../lib/messages.ts';
import { createOutbox } from '../lib/outbox.ts';
import { connectionItem } from '../lib/settings.ts';

const outboxAlarm = 'outbox-replay';

export default defineBackground(() => {
  const getConnection = () => connectionItem.getValue();
  const api = createApi({ db: db(), getConnection });
  const outbox = createOutbox({ db: db(), send: (entry) => api.sendWrite(entry) });

  listen(
    createHandlers({
      api,
      outbox,
      db: db(),
      getConnection,
      setConnection: (c) => connectionItem.setValue(c),
      deviceLabel: `Sightline extension (${import.meta.env.BROWSER})`,
    }),
  );

  // The alarm survives service-worker shutdowns; replay respects each entry's backoff.
  void browser.alarms.create(outboxAlarm, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === outboxAlarm) void outbox.replay();
  });
  browser.runtime.onStartup.addListener(() => void outbox.replay());
  // Also whenever the service worker wakes (install, update, a message, the alarm).
  void outbox.replay();
});
