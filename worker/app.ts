import { drizzle } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { maxBodyBytes, maxImportBytes, type ApiErrorBody, type HealthResponse } from '../shared/contracts/api.ts';
import { version } from '../shared/version.ts';
import * as schema from './db/schema.ts';
import { requireAuth } from './lib/auth.ts';
import type { AppEnv } from './lib/context.ts';
import { ApiError } from './lib/errors.ts';
import { authRoutes } from './routes/auth.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { competitorRoutes } from './routes/competitors.ts';
import { accountRoutes } from './routes/accounts.ts';
import { draftRoutes } from './routes/drafts.ts';
import { postRoutes } from './routes/posts.ts';
import { predictRoutes } from './routes/predict.ts';
import { researchItemRoutes } from './routes/research-items.ts';
import { sourceRoutes } from './routes/sources.ts';
import { trendRoutes } from './routes/trends.ts';
import { workspaceRoutes } from './routes/workspace.ts';
import { videoBatchRoutes, videoRoutes } from './routes/videos.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { heygenWebhookRoutes } from './heygen/webhook-route.ts';

// HeyGen's webhook carries a signature instead of a bearer token (worker/heygen/webhook.ts).
const publicPaths = new Set(['/v1/auth/signup', '/v1/auth/login', '/v1/auth/pair', '/v1/webhooks/heygen']);

const api = new Hono<AppEnv>()
  .use(async (c, next) => {
    c.set('db', drizzle(c.env.DB, { schema }));
    await next();
  })
  .use(async (c, next) => (publicPaths.has(c.req.path) ? next() : requireAuth(c, next)))
  .route('/auth', authRoutes)
  .route('/workspace', workspaceRoutes)
  .route('/trends', trendRoutes)
  .route('/research-items', researchItemRoutes)
  .route('/sources', sourceRoutes)
  .route('/competitors', competitorRoutes)
  .route('/accounts', accountRoutes)
  .route('/posts', postRoutes)
  .route('/videos', videoRoutes)
  .route('/video-batches', videoBatchRoutes)
  .route('/campaigns', campaignRoutes)
  .route('/webhooks/heygen', heygenWebhookRoutes)
  .route('/', predictRoutes)
  .route('/calendar', calendarRoutes)
  .route('/', draftRoutes);

const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `request body is larger than ${maxSize / 1024} KiB, the most this route accepts`);
    },
  });
const defaultBodyLimit = limitBody(maxBodyBytes);
const importBodyLimit = limitBody(maxImportBytes);

export const app = new Hono<AppEnv>()
  .use(requestId())
  // The extension calls from chrome-extension:// and moz-extension:// origins; the
  // console is same-origin. Nothing else needs CORS, and tokens are bearer headers
  // (no cookies), so allowing these origins exposes nothing.
  .use(
    '/v1/*',
    cors({
      origin: (origin) => (/^(chrome|moz)-extension:\/\//.test(origin) ? origin : null),
      allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
      exposeHeaders: ['x-request-id', 'idempotent-replayed'],
      maxAge: 600,
    }),
  )
  // The import's larger allowance, every other route the default; each limit built once.
  .use('/v1/*', (c, next) => (c.req.path === '/v1/posts/import' ? importBodyLimit : defaultBodyLimit)(c, next))
  .get('/healthz', (c) =>
    c.json({
      ok: true,
      version,
      llm: c.env.OPENAI_API_KEY ? 'openai-compatible' : 'built-in',
      video: c.env.HEYGEN_API_KEY ? 'heygen' : 'storyboard-only',
      signup: c.env.SIGNUP_CODE ? 'invite-code' : 'open',
    } satisfies HealthResponse),
  )
  .route('/v1', api)
  .all('/v1/*', () => {
    throw new ApiError(404, 'not_found', 'no such API route');
  });

app.notFound((c) => {
  if (c.req.path.startsWith('/v1/')) return c.json(errorBody('not_found', 'no such API route', c.get('requestId')), 404);
  return c.env.ASSETS.fetch(c.req.raw);
});

app.onError((err, c) => {
  const id = c.get('requestId');
  if (err instanceof ApiError) {
    return c.json({ ...errorBody(err.code, err.message, id), ...(err.issues ? { issues: err.issues } : {}) }, err.status);
  }
  if (err instanceof HTTPException) {
    // Hono raises these itself: unparseable JSON bodies, bad content types.
    const status = err.status;
    if (status === 400 && /json/i.test(err.message)) return c.json(errorBody('malformed_json', 'request body is not valid JSON', id), 400);
    if (status === 413) return c.json(errorBody('payload_too_large', err.message, id), 413);
    if (status === 415) return c.json(errorBody('unsupported_media_type', err.message, id), 415);
    if (status < 500) return c.json(errorBody('bad_request', err.message || 'bad request', id), status);
  }
  console.error(JSON.stringify({ level: 'error', requestId: id, path: c.req.path, error: String(err), stack: (err as Error).stack }));
  return c.json(errorBody('internal', 'internal error; quote the request id when reporting it', id), 500);
});

function errorBody(code: ApiErrorBody['code'], message: string, requestId: string): ApiErrorBody {
  return { code, message, requestId };
}

export type AppType = typeof app;
