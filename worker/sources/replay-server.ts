/**
 * A local stand-in for the four public sources, speaking their protocols with responses
 * shaped exactly like the documented ones, plus fault injection. Worker tests start it
 * from vitest's globalSetup with the small fixtures in worker/sources/fixtures/; the demo
 * loader starts it with the larger recorded set in worker/demo/recorded/.
 *
 * Control API (used by tests):
 *   POST /__faults  [{ "path": "/r/", "status": 429, "headers": {"retry-after": "1"}, "times": 2 }]
 *                   queues faults: the next matching requests get that response instead;
 *                   an optional "query" narrows a fault to requests with a query value
 *                   containing it (one topic of several)
 *   GET  /__log     every request seen since the last reset: [{ "method", "path", "query" }]
 *   POST /__reset   clears faults and the log
 *
 * Every path may start with `/~<name>`: each name has its own faults and log, so test
 * files running in parallel against one server cannot consume each other's faults.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const defaultFixtures = path.resolve(import.meta.dirname, 'fixtures');

interface Fault {
  path: string;
  status: number;
  headers?: Record<string, string>;
  body?: string;
  query?: string;
  times: number;
}

export async function startSourceReplayServer(opts: { fixturesDir?: string } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = opts.fixturesDir ?? defaultFixtures;
  const fixture = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  const spaces = new Map<string, { faults: Fault[]; log: { method: string; path: string; query: Record<string, string> }[] }>();

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const ns = /^\/~([\w-]+)(\/.*)?$/.exec(req.url ?? '/');
    const prefix = ns ? `/~${ns[1]}` : '';
    const url = new URL(ns ? (ns[2] ?? '/') : (req.url ?? '/'), 'http://localhost');
    if (!spaces.has(prefix)) spaces.set(prefix, { faults: [], log: [] });
    const space = spaces.get(prefix)!;
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(body);
    };

    if (url.pathname === '/__faults' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      space.faults.push(...(JSON.parse(raw) as Fault[]));
      return send(204, '');
    }
    if (url.pathname === '/__log') return send(200, JSON.stringify(space.log));
    if (url.pathname === '/__reset') {
      space.faults = [];
      space.log = [];
      return send(204, '');
    }

    space.log.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) });
    const fault = space.faults.find((f) => url.pathname.startsWith(f.path) && f.times > 0 && (f.query === undefined || [...url.searchParams.values()].some((v) => v.includes(f.query!))));
    if (fault) {
      fault.times--;
      return send(fault.status, fault.body ?? JSON.stringify({ message: `injected ${fault.status}` }), fault.headers ?? {});
    }

    // Hacker News (Algolia): page=N selects the recorded page.
    if (url.pathname === '/api/v1/search_by_date') {
      return send(200, fixture(url.searchParams.get('page') === '1' ? 'hn-search-page1.json' : 'hn-search-page0.json'));
    }
    // Reddit listings. Reddit reports its rate limit on every response.
    if (/^\/r\/[^/]+\/rising\.json$/.test(url.pathname) || url.pathname === '/search.json') {
      return send(200, fixture('reddit-rising.json'), { 'x-ratelimit-remaining': '99', 'x-ratelimit-used': '1', 'x-ratelimit-reset': '540' });
    }
    // GitHub search, paginated through the Link header like the real API.
    if (url.pathname === '/search/repositories') {
      const page = Number(url.searchParams.get('page') ?? '1');
      const base = `http://${req.headers.host}${prefix}${url.pathname}`;
      const next = new URLSearchParams(url.searchParams);
      next.set('page', String(page + 1));
      const link = page === 1 ? `<${base}?${next}>; rel="next", <${base}?${next}>; rel="last"` : '';
      const body = page === 1 ? fixture('github-search.json') : JSON.stringify({ total_count: 2, incomplete_results: false, items: [] });
      return send(200, body, { 'x-ratelimit-limit': '30', 'x-ratelimit-remaining': '28', 'x-ratelimit-reset': '1795515000', ...(link ? { link } : {}) });
    }
    // github.com/trending: HTML, the GitHub source's secondary signal.
    if (url.pathname === '/trending') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(fixture('github-trending.html'));
    }
    // Google Trends daily trending searches.
    if (url.pathname === '/trending/rss') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(fixture('google-trends.rss'));
    }
    send(404, JSON.stringify({ message: 'Not Found' }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
