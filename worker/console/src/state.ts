import { computed, signal } from '@preact/signals';
import { createClient } from './api.ts';

const TOKEN_KEY = 'sightline.token';

export type Route = 'trends' | 'alerts' | 'calendar' | 'competitors' | 'saved' | 'videos' | 'settings';

/** All app state in one place, built fresh per app (and per test). */
export function createAppState(storage: Storage = localStorage) {
  const token = signal<string | null>(storage.getItem(TOKEN_KEY));
  const workspaceName = signal<string | null>(null);
  const route = signal<Route>(routeFromPath(location.pathname));
  /** A piece handed to the calendar's form by another page (a draft from a trend). */
  const pendingPiece = signal<{ topic: string; text: string } | null>(null);

  const setToken = (value: string | null) => {
    token.value = value;
    if (value) storage.setItem(TOKEN_KEY, value);
    else storage.removeItem(TOKEN_KEY);
  };

  const client = createClient(
    () => token.value,
    () => setToken(null),
  );

  const navigate = (to: Route) => {
    route.value = to;
    history.pushState(null, '', to === 'trends' ? '/' : `/${to}`);
  };
  addEventListener('popstate', () => (route.value = routeFromPath(location.pathname)));

  return {
    token,
    workspaceName,
    route,
    pendingPiece,
    signedIn: computed(() => token.value !== null),
    setToken,
    navigate,
    client,
  };
}

export type AppState = ReturnType<typeof createAppState>;

function routeFromPath(path: string): Route {
  const first = path.split('/')[1];
  const routes: Route[] = ['alerts', 'calendar', 'competitors', 'saved', 'videos', 'settings'];
  return routes.find((r) => r === first) ?? 'trends';
}
