/**
 * A local OpenAI-compatible endpoint for the LLM client's tests: POST /v1/chat/completions
 * answers with the documented response shape ({id, object: 'chat.completion', created,
 * model, choices: [{index, message: {role: 'assistant', content}, finish_reason}], usage}),
 * with errors shaped like OpenAI's ({error: {message, type, code}}). Started by vitest's
 * globalSetup in Node; worker tests reach it over HTTP.
 *
 * Control API (used by tests):
 *   POST /__script  [{ "content": "…", "status": 429, "headers": {…}, "delayMs": 2000, "times": 1, "rawBody": {…} }]
 *                   queues replies: the next completions get these, in order; a reply with a
 *                   status ≥ 400 is an error, delayMs stalls before answering (timeouts)
 *   GET  /__log     every completion request since the last reset: { authorization, body }
 *   POST /__reset   clears the script and the log
 * Without a script, the reply is the user message's first sentence (a stable default).
 *
 * POST /v1/embeddings answers in the documented shape ({object: 'list', data: [{object:
 * 'embedding', index, embedding}], model, usage: {prompt_tokens, total_tokens}}), as floats or,
 * for encoding_format 'base64', little-endian float32 in base64, `dimensions` long (default
 * 1536). The vectors are a stand-in for meaning: each word counts toward the axis of its
 * "concept" (set with POST /__concepts {"word": "concept", …}; a word without one is its own
 * concept), hashed into the dimensions and normalised. Scripted errors apply here too.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Scripted {
  content?: string;
  /** Answer 200 with this body as is (some OpenAI-compatible gateways put errors there). */
  rawBody?: unknown;
  status?: number;
  headers?: Record<string, string>;
  delayMs?: number;
  times?: number;
  /** Leave `usage` out of the response (some compatible servers do). */
  noUsage?: boolean;
  /** Answer as this model (OpenAI names the dated snapshot that served the request). */
  model?: string;
  /** Report this many prompt tokens (a real tokenizer's count, where the fake's 4 characters a token is wrong). */
  promptTokens?: number;
}

const tokens = (s: string) => Math.ceil(s.length / 4);

export async function startOpenAiServer(): Promise<{ url: string; close: () => Promise<void> }> {
  let script: Scripted[] = [];
  let log: { authorization: string | null; body: unknown }[] = [];
  let concepts: Record<string, string> = {};
  /** The next scripted reply, used up after its `times`. */
  const takeScripted = (): Scripted | undefined => {
    const next = script[0];
    if (next) {
      next.times = (next.times ?? 1) - 1;
      if (next.times <= 0) script.shift();
    }
    return next;
  };
  let seq = 0;

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === '' ? '' : JSON.stringify(body));
    };
    if (url.pathname === '/__script' && req.method === 'POST') {
      script.push(...(JSON.parse(raw) as Scripted[]));
      return send(204, '');
    }
    if (url.pathname === '/__log') return send(200, log);
    if (url.pathname === '/__reset') {
      script = [];
      log = [];
      concepts = {};
      return send(204, '');
    }
    if (url.pathname === '/__concepts' && req.method === 'POST') {
      concepts = { ...concepts, ...(JSON.parse(raw) as Record<string, string>) };
      return send(204, '');
    }
    if (url.pathname === '/v1/embeddings' && req.method === 'POST') {
      const body = JSON.parse(raw) as { model?: string; input?: string | string[]; dimensions?: number; encoding_format?: 'float' | 'base64' };
      log.push({ authorization: req.headers.authorization ?? null, body });
      if (!req.headers.authorization?.startsWith('Bearer ')) return send(401, { error: { message: "You didn't provide an API key.", type: 'invalid_request_error', code: null } });
      const next = takeScripted();
      if (next?.status && next.status >= 400) return send(next.status, { error: { message: `injected ${next.status}`, type: 'server_error', code: 'server_error' } }, next.headers ?? {});
      const inputs = typeof body.input === 'string' ? [body.input] : (body.input ?? []);
      const dims = body.dimensions ?? 1536;
      const data = inputs.map((text, index) => {
        const v = conceptVector(text, dims, concepts);
        return { object: 'embedding', index, embedding: body.encoding_format === 'base64' ? Buffer.from(Float32Array.from(v).buffer).toString('base64') : v };
      });
      const used = inputs.reduce((n, t) => n + tokens(t), 0);
      return send(200, { object: 'list', data, model: body.model ?? 'unknown', usage: { prompt_tokens: used, total_tokens: used } });
    }
    if (url.pathname !== '/v1/chat/completions' || req.method !== 'POST') {
      return send(404, { error: { message: `Unknown request URL: ${req.method} ${url.pathname}`, type: 'invalid_request_error', code: 'unknown_url' } });
    }
    let body: { model?: string; messages?: { role: string; content: string }[] };
    try {
      body = JSON.parse(raw);
    } catch {
      return send(400, { error: { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error', code: null } });
    }
    log.push({ authorization: req.headers.authorization ?? null, body });
    if (!req.headers.authorization?.startsWith('Bearer ')) {
      return send(401, { error: { message: 'You didn\'t provide an API key.', type: 'invalid_request_error', code: null } });
    }
    const next = takeScripted();
    if (next?.delayMs) await new Promise((r) => setTimeout(r, next.delayMs));
    if (next?.status && next.status >= 400) {
      const type = next.status === 429 ? 'rate_limit_exceeded' : 'server_error';
      return send(next.status, { error: { message: `injected ${next.status}`, type, code: type } }, next.headers ?? {});
    }
    if (next?.rawBody !== undefined) return send(200, next.rawBody);
    const messages = body.messages ?? [];
    const user = messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
    const content = next?.content ?? (/"""\n([\s\S]*?[.!?])\s/.exec(user)?.[1] ?? 'Fake completion.');
    const prompt = next?.promptTokens ?? messages.reduce((n, m) => n + tokens(m.content) + 4, 3);
    const completion = tokens(content);
    return send(
      200,
      {
        id: `chatcmpl-fake${++seq}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: next?.model ?? body.model ?? 'unknown',
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
        ...(next?.noUsage ? {} : { usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } }),
      },
      next?.headers ?? {},
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Never keeps the test process alive, so globalSetup can start it without a teardown.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function conceptVector(text: string, dims: number, concepts: Record<string, string>): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2)) {
    const concept = concepts[word] ?? word;
    let h = 2166136261;
    for (let i = 0; i < concept.length; i++) h = Math.imul(h ^ concept.charCodeAt(i), 16777619);
    v[(h >>> 0) % dims]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}
