import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// The extension talks to one Sightline worker: local by default (host_permissions below;
// match patterns ignore ports), or a deployed one over https, whose origin the options
// page requests at runtime through optional_host_permissions.
export default defineConfig({
  srcDir: 'extension',
  // Icons (the notifications need one) live with the extension's sources.
  publicDir: 'extension/public',
  // Firefox too gets MV3 (WXT defaults Firefox to MV2): one manifest shape, one background model.
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Sightline',
    description: 'Trend scores on the posts you scroll past, from your Sightline workspace.',
    // notifications: due-post reminders; activeTab: the popup's "Draft from this page" reads the tab's title and URL.
    permissions: ['storage', 'alarms', 'notifications', 'activeTab'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*'],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'extension@sightline.local',
          // 140: first release that reads data_collection_permissions.
          strict_min_version: '140.0',
          // Page content leaves the browser: saved posts, the posts and counts on tracked
          // accounts' and the user's own profile pages. It goes only to the worker the user
          // paired with (their own deployment), but Firefox counts any transmission.
          data_collection_permissions: { required: ['websiteContent'] },
        },
        // Firefox for Android reads data_collection_permissions from 142.
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
