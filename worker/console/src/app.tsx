import { useEffect } from 'preact/hooks';
import { ok } from './api.ts';
import { AlertsPage } from './pages/alerts.tsx';
import { AuthPage } from './pages/auth.tsx';
import { CalendarPage } from './pages/calendar.tsx';
import { CompetitorsPage } from './pages/competitors.tsx';
import { SavedPage } from './pages/saved.tsx';
import { SettingsPage } from './pages/settings.tsx';
import { TrendsPage } from './pages/trends.tsx';
import { VideosPage } from './pages/videos.tsx';
import type { AppState, Route } from './state.ts';

const nav: { route: Route; label: string }[] = [
  { route: 'trends', label: 'Trends' },
  { route: 'alerts', label: 'Alerts' },
  { route: 'calendar', label: 'Calendar' },
  { route: 'competitors', label: 'Competitors' },
  { route: 'saved', label: 'Saved' },
  { route: 'videos', label: 'Videos' },
  { route: 'settings', label: 'Settings' },
];

export function App({ state }: { state: AppState }) {
  const signedIn = state.signedIn.value;

  useEffect(() => {
    if (!signedIn) return;
    state.client.v1.workspace
      .$get()
      .then(ok)
      .then((ws) => (state.workspaceName.value = ws.name))
      .catch(() => {});
  }, [signedIn]);

  if (!signedIn) return <AuthPage state={state} />;

  const logout = async () => {
    await state.client.v1.auth.logout.$post().catch(() => {});
    state.setToken(null);
  };

  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Sightline</span>
        <nav>
          {nav.map((n) => (
            <a
              href={n.route === 'trends' ? '/' : `/${n.route}`}
              aria-current={state.route.value === n.route ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                state.navigate(n.route);
              }}
            >
              {n.label}
            </a>
          ))}
        </nav>
        <span class="spacer" />
        <span class="muted" data-testid="workspace-name">{state.workspaceName.value ?? ''}</span>
        <button class="link" onClick={logout}>
          Log out
        </button>
      </header>
      <main>
        {state.route.value === 'trends' && <TrendsPage state={state} />}
        {state.route.value === 'alerts' && <AlertsPage state={state} />}
        {state.route.value === 'calendar' && <CalendarPage state={state} />}
        {state.route.value === 'competitors' && <CompetitorsPage state={state} />}
        {state.route.value === 'saved' && <SavedPage state={state} />}
        {state.route.value === 'videos' && <VideosPage state={state} />}
        {state.route.value === 'settings' && <SettingsPage state={state} />}
      </main>
    </div>
  );
}
