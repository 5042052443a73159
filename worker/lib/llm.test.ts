import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { styleProfile } from '../../shared/style/profile.ts';
import { draftProvenance } from '../../shared/draft/provenance.ts';
import { costUsd, estimatePromptTokens, SpendCapError, spendPeriod } from '../../shared/draft/spend.ts';
import { withD1Limits } from '../test/d1-limits.ts';
import { complete, draft, llmConfigFromEnv, LlmError, memorySpendStore, type LlmConfig, type SpendStore } from './llm.ts';
import { d1SpendStore } from './spend-store.ts';

const base = inject('openaiUrl');
const now = Date.parse('2026-11-24T12:00:00Z');

const source = {
  kind: 'research' as const,
  title: null,
  url: 'https://example.com/passkeys',
  text:
    'Passkeys are replacing passwords faster than most security teams expected. ' +
    'Google reported that passkey sign-ins now succeed on the first attempt four times more often than passwords. ' +
    'A passkey is a key pair bound to one website, so it cannot be phished or leaked in a database breach. ' +
    'Account recovery remains the weakest link for passkeys, because a lost phone can lock people out.',
};

// A draft that keeps the message (every core term of the source) and fits on LinkedIn.
const goodLinkedIn =
  'Passkeys are replacing passwords faster than security teams expected.\n' +
  'Google says passkey sign-ins succeed on the first attempt four times more often than passwords.\n\n' +
  'A passkey is a key pair bound to one website, so it cannot be phished or leaked in a database breach.\n\n' +
  'The weak link is account recovery: a lost phone can lock people out.\n\n' +
  '#Passkeys #Security #Passwords';

const config = (over: Partial<LlmConfig> = {}): LlmConfig => ({ apiKey: 'sk-test', baseURL: `${base}/v1`, model: 'gpt-4o-mini', timeoutMs: 2_000, maxRetries: 2, ...over });

async function script(list: object[]) {
  await fetch(`${base}/__script`, { method: 'POST', body: JSON.stringify(list) });
}
async function log(): Promise<{ authorization: string | null; body: { model: string; max_tokens: number; messages: { role: string; content: string }[] } }[]> {
  return (await fetch(`${base}/__log`)).json();
}

beforeEach(async () => {
  await fetch(`${base}/__reset`, { method: 'POST' });
});

describe('draft()', () => {
  it('uses the built-in generator when no API key is set, and says so', async () => {
    const store = memorySpendStore();
    const r = await draft({ source, platform: 'linkedin', workspaceId: 'w1', now }, llmConfigFromEnv({}), store);
    expect(r.path).toBe('built-in');
    expect(r.draft.generator).toBe('built-in');
    // The reason travels with the result (the label only says what the built-in writer did).
    expect(r.fallbackReason).toBe('no LLM configured (set OPENAI_API_KEY for model-written drafts)');
    expect(draftProvenance(r, 'LinkedIn')).toBe('Built-in draft for LinkedIn · no LLM configured (set OPENAI_API_KEY for model-written drafts)');
    expect(r.messageScore).toBeGreaterThanOrEqual(0.5);
    expect(await log()).toEqual([]);
    expect(store.entries).toEqual([]);
  });

  it('calls the OpenAI-compatible endpoint with the model, key and the style profile in the prompt', async () => {
    await script([{ content: goodLinkedIn }]);
    const style = styleProfile(['Shipping today 🚀 #security', 'Short and sharp. #security', 'What do you think? 🚀', 'New post up.', 'Another one 🚀 #security']);
    const store = memorySpendStore();
    const r = await draft({ source, platform: 'linkedin', workspaceId: 'w1', style, now }, config(), store);
    expect(r.path).toBe('llm');
    expect(r.draft.generator).toBe('llm');
    expect(r.draft.text).toBe(goodLinkedIn);
    expect(r.draft.hashtags).toEqual(['#Passkeys', '#Security', '#Passwords']);
    const [req] = await log();
    expect(req!.authorization).toBe('Bearer sk-test');
    expect(req!.body.model).toBe('gpt-4o-mini');
    const system = req!.body.messages.find((m) => m.role === 'system')!.content;
    expect(system).toContain('Write like this account');
    expect(system).toContain('🚀');
    expect(system).toContain('#security');
    expect(system).toMatch(/LinkedIn post of at most 3000 characters/);
    expect(req!.body.messages.find((m) => m.role === 'user')!.content).toContain('Passkeys are replacing passwords');
    // Usage is charged from the response's usage block.
    expect(r.usage!.promptTokens).toBeGreaterThan(100);
    expect(store.entries).toHaveLength(1);
    expect(store.entries[0]!.usd).toBeCloseTo(r.usage!.usd, 12);
    expect(store.entries[0]!.period).toBe(spendPeriod(now));
  });

  it('falls back to the built-in draft when the model drifts off the message', async () => {
    await script([{ content: 'Our new coffee machine makes espresso in thirty seconds.\nIt comes in red and blue.\n\n#Coffee #Espresso #Kitchen' }]);
    const r = await draft({ source, platform: 'linkedin', workspaceId: 'w1', now }, config(), memorySpendStore());
    expect(r.path).toBe('built-in');
    expect(r.fallbackReason).toMatch(/LLM draft rejected: message score 0\.\d+ below 0\.5/);
    expect(r.usage).toBeDefined();
  });

  it('splits an X thread on --- lines and numbers it', async () => {
    await script([{ content: 'Passkeys are replacing passwords faster than security teams expected. #Passkeys\n---\nGoogle says passkey sign-ins succeed four times more often than passwords.\n---\nA passkey is a key pair bound to one website, so it cannot be phished. Account recovery is the weak link.' }]);
    const r = await draft({ source, platform: 'x', workspaceId: 'w1', now }, config(), memorySpendStore());
    expect(r.path).toBe('llm');
    expect(r.draft.parts).toHaveLength(3);
    expect(r.draft.parts!.map((p) => p.slice(-3))).toEqual(['1/3', '2/3', '3/3']);
  });
});

describe('retries and timeouts', () => {
  it('retries a 429 (honouring retry-after-ms) and a 500, then succeeds', async () => {
    await script([
      { status: 429, headers: { 'retry-after-ms': '10' } },
      { status: 500, headers: { 'retry-after-ms': '10' } },
      { content: goodLinkedIn },
    ]);
    const r = await complete(config(), [{ role: 'user', content: 'hi' }], 'w1', memorySpendStore(), now);
    expect(r.text).toBe(goodLinkedIn);
    expect(await log()).toHaveLength(3);
  });

  it('gives up after maxRetries with the status in the error, and draft() falls back', async () => {
    await script([{ status: 503, headers: { 'retry-after-ms': '5' }, times: 5 }]);
    await expect(complete(config({ maxRetries: 1 }), [{ role: 'user', content: 'hi' }], 'w1', memorySpendStore(), now)).rejects.toMatchObject({ name: 'LlmError', status: 503 });
    expect(await log()).toHaveLength(2);
    const r = await draft({ source, platform: 'linkedin', workspaceId: 'w1', now }, config({ maxRetries: 0 }), memorySpendStore());
    expect(r.path).toBe('built-in');
    expect(r.fallbackReason).toMatch(/HTTP 503/);
    // A key is set: the line users read names the failure, never "no LLM configured".
    expect(draftProvenance(r, 'LinkedIn')).toMatch(/^Built-in draft for LinkedIn · .*HTTP 503/);
    expect(draftProvenance(r)).not.toMatch(/no LLM configured/);
  });

  it('a 200 without choices (a gateway’s error body) is an LlmError with its message, and draft() falls back', async () => {
    await script([{ rawBody: { error: { message: 'upstream model overloaded', type: 'server_error' } }, times: 2 }]);
    await expect(complete(config(), [{ role: 'user', content: 'hi' }], 'w1', memorySpendStore(), now)).rejects.toMatchObject({
      name: 'LlmError',
      message: 'LLM endpoint answered without a completion: upstream model overloaded',
    });
    const r = await draft({ source, platform: 'linkedin', workspaceId: 'w1', now }, config(), memorySpendStore());
    expect(r.path).toBe('built-in');
    expect(r.fallbackReason).toMatch(/without a completion/);
  });

  it('times out a stalled endpoint', async () => {
    await script([{ delayMs: 1_500, content: 'late', times: 2 }]);
    const err = await complete(config({ timeoutMs: 300, maxRetries: 0 }), [{ role: 'user', content: 'hi' }], 'w1', memorySpendStore(), now).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as Error).message).toMatch(/timed out after 300 ms/);
  });
});

describe('spend cap', () => {
  it('refuses before calling when the worst case would cross the cap, with a clear error', async () => {
    const store = memorySpendStore();
    // gpt-4o-mini: 900 output tokens ≈ $0.00054; a cap of $0.0005 cannot afford one call.
    const err = await draft({ source, platform: 'linkedin', workspaceId: 'w1', now }, config({ spendCapUsd: 0.0005 }), store).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpendCapError);
    expect((err as Error).message).toMatch(/LLM spend cap reached for workspace w1: \$0\.0000 of \$0\.00 used in 2026-11/);
    expect(await log()).toEqual([]);
  });

  it('counts spend per workspace and per month', async () => {
    const store = memorySpendStore();
    await store.record('w1', spendPeriod(now), { model: 'gpt-4o-mini', promptTokens: 0, completionTokens: 0, usd: 0.9998, at: '' });
    // $0.9998 spent + worst case ≈ $0.00054 crosses $1.
    const cfg = config({ spendCapUsd: 1 });
    const msg = [{ role: 'user' as const, content: 'hi' }];
    await expect(complete(cfg, msg, 'w1', store, now)).rejects.toBeInstanceOf(SpendCapError);
    // Another workspace, and the same workspace next month, are unaffected.
    await expect(complete(cfg, msg, 'w2', store, now)).resolves.toMatchObject({ model: 'gpt-4o-mini' });
    await expect(complete(cfg, msg, 'w1', store, Date.parse('2026-12-01T00:00:00Z'))).resolves.toMatchObject({ model: 'gpt-4o-mini' });
  });

  it('charges an estimate when the endpoint reports no usage', async () => {
    await script([{ content: 'x'.repeat(400), noUsage: true }]);
    const store = memorySpendStore();
    const r = await complete(config(), [{ role: 'user', content: 'y'.repeat(400) }], 'w1', store, now);
    expect(r.completionTokens).toBe(100);
    expect(r.promptTokens).toBe(100 + 4 + 3);
    expect(store.entries[0]!.usd).toBeGreaterThan(0);
  });
});

interface SpendRow {
  usd: number;
  promptTokens: number;
  completionTokens: number;
}

/** A store and a fresh workspace in it, with the rows charged to that workspace. */
interface SpendFixture {
  store: SpendStore;
  workspaceId: string;
  rows(): Promise<SpendRow[]>;
}

const spendFixtures: [string, () => Promise<SpendFixture>][] = [
  [
    'memory',
    async () => {
      const store = memorySpendStore();
      const workspaceId = `w-${crypto.randomUUID()}`;
      return { store, workspaceId, rows: async () => store.entries.filter((e) => e.workspaceId === workspaceId).map(({ usd, promptTokens, completionTokens }) => ({ usd, promptTokens, completionTokens })) };
    },
  ],
  [
    'D1',
    async () => {
      const workspaceId = crypto.randomUUID();
      // llm_spend rows reference their workspace.
      await env.DB.prepare('insert into workspaces (id, name, created_at) values (?, ?, ?)').bind(workspaceId, 'Spend test', now).run();
      return {
        // Through the binding that refuses what production D1 would (bound parameters).
        store: d1SpendStore(drizzle(withD1Limits(env.DB).db)),
        workspaceId,
        rows: async () =>
          (await env.DB.prepare('select usd, prompt_tokens as promptTokens, completion_tokens as completionTokens from llm_spend where workspace_id = ? order by id').bind(workspaceId).all<SpendRow>()).results,
      };
    },
  ],
];

describe.each(spendFixtures)('spend reservations (%s store)', (_name, fixture) => {
  const period = spendPeriod(now);
  // A marker in the prompt, so only this test's requests are counted in the server's log.
  const promptFor = () => [{ role: 'user' as const, content: `Reservation test ${crypto.randomUUID()}` }];
  const worstCase = (msgs: { content: string }[]) => costUsd('gpt-4o-mini', estimatePromptTokens(msgs), 900);
  const reached = async (msgs: { content: string }[]) => (await log()).filter((r) => r.body.messages?.some((m) => m.content === msgs[0]!.content)).length;

  it('lets only as many concurrent calls reach the endpoint as the cap allows in the worst case', async () => {
    const { store, workspaceId } = await fixture();
    const msgs = promptFor();
    const estimate = worstCase(msgs);
    // Slow replies keep every call in flight while the others check the cap.
    await script([{ delayMs: 300, content: 'A short reply.', times: 5 }]);
    const cap = estimate * 2.5;
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => complete(config({ spendCapUsd: cap, maxTokens: 900, maxRetries: 0 }), msgs, workspaceId, store, now)));
    const done = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(done).toHaveLength(2);
    expect(refused).toHaveLength(3);
    for (const err of refused) {
      expect(err).toBeInstanceOf(SpendCapError);
      // The two in-flight reservations count as spent.
      expect((err as SpendCapError).spentUsd).toBeCloseTo(2 * estimate, 12);
    }
    expect(await reached(msgs)).toBe(2);
    const spent = await store.spentUsd(workspaceId, period);
    expect(spent).toBeLessThanOrEqual(cap);
    expect(spent).toBeCloseTo(done[0]!.usd + done[1]!.usd, 12);
  });

  it('settles a success to the priced usage, not the estimate', async () => {
    const { store, workspaceId, rows } = await fixture();
    const msgs = promptFor();
    const r = await complete(config({ maxTokens: 900 }), msgs, workspaceId, store, now);
    expect(r.completionTokens).toBeGreaterThan(0);
    expect(r.usd).toBe(costUsd('gpt-4o-mini', r.promptTokens, r.completionTokens));
    expect(r.usd).toBeLessThan(worstCase(msgs));
    expect(await rows()).toEqual([{ usd: r.usd, promptTokens: r.promptTokens, completionTokens: r.completionTokens }]);
    expect(await store.spentUsd(workspaceId, period)).toBeCloseTo(r.usd, 15);
  });

  it('releases the reservation when the endpoint answers an HTTP error (nothing was billed)', async () => {
    const { store, workspaceId, rows } = await fixture();
    await script([{ status: 400 }]);
    await expect(complete(config({ maxRetries: 0 }), promptFor(), workspaceId, store, now)).rejects.toMatchObject({ name: 'LlmError', status: 400 });
    expect(await rows()).toEqual([]);
    expect(await store.spentUsd(workspaceId, period)).toBe(0);
  });

  it('keeps the worst case where the provider may have run the request: each timed-out attempt, and a gateway that gave up on it', async () => {
    const { store, workspaceId, rows } = await fixture();
    const msgs = promptFor();
    await script([{ delayMs: 1_500, content: 'late', times: 2 }]);
    await expect(complete(config({ timeoutMs: 300, maxRetries: 1, maxTokens: 900 }), msgs, workspaceId, store, now)).rejects.toThrow(/timed out after 300 ms/);
    expect(await rows()).toEqual([{ usd: 2 * worstCase(msgs), promptTokens: 0, completionTokens: 0 }]);
    await script([{ status: 502 }]);
    await expect(complete(config({ maxRetries: 0, maxTokens: 900 }), msgs, workspaceId, store, now)).rejects.toMatchObject({ name: 'LlmError', status: 502 });
    expect(await store.spentUsd(workspaceId, period)).toBeCloseTo(3 * worstCase(msgs), 12);
  });

  it('reserves every attempt the SDK may make: a cap that fits one worst case but not two refuses a call allowed one retry', async () => {
    const { store, workspaceId } = await fixture();
    const msgs = promptFor();
    await script([{ delayMs: 1_500, content: 'late', times: 2 }]);
    const cap = worstCase(msgs) * 1.5;
    const err = await complete(config({ spendCapUsd: cap, timeoutMs: 300, maxRetries: 1, maxTokens: 900 }), msgs, workspaceId, store, now).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpendCapError);
    expect(await reached(msgs)).toBe(0);
    expect(await store.spentUsd(workspaceId, period)).toBeLessThanOrEqual(cap);
  });

  it('a Chinese source cannot cost more than its reservation: other scripts are estimated at a token a character', async () => {
    const { store, workspaceId } = await fixture();
    const msgs = [{ role: 'user' as const, content: `${'人工智能代理正在进入大型企业的生产流程'.repeat(600)} ${crypto.randomUUID()}` }];
    // What an OpenAI tokenizer reports for ~12,000 CJK characters: about one token each.
    await script([{ content: '好的。', promptTokens: 12_000 }]);
    const cap = worstCase(msgs) * 1.2;
    const r = await complete(config({ spendCapUsd: cap, maxRetries: 0, maxTokens: 900 }), msgs, workspaceId, store, now);
    expect(r.promptTokens).toBe(12_000);
    expect(await store.spentUsd(workspaceId, period)).toBeLessThanOrEqual(cap);
  });

  it('releases the reservation when the connection never opened (nothing ran)', async () => {
    const { store, workspaceId, rows } = await fixture();
    // A closed port: the connection fails without an HTTP status.
    const err = await complete(config({ baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0, maxTokens: 900 }), promptFor(), workspaceId, store, now).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'LlmError', status: null });
    expect(await rows()).toEqual([]);
  });

  it('prices a dated model snapshot in the answer as its family, not at the unknown-model price', async () => {
    const { store, workspaceId, rows } = await fixture();
    await script([{ content: 'A short reply.', model: 'gpt-4o-mini-2024-07-18' }]);
    const r = await complete(config({ maxTokens: 900 }), promptFor(), workspaceId, store, now);
    expect(r.model).toBe('gpt-4o-mini-2024-07-18');
    expect(r.usd).toBe(costUsd('gpt-4o-mini', r.promptTokens, r.completionTokens));
    expect(await rows()).toEqual([{ usd: r.usd, promptTokens: r.promptTokens, completionTokens: r.completionTokens }]);
  });

  it('a 200 without choices is charged the usage it reports, or released when it reports none', async () => {
    const { store, workspaceId, rows } = await fixture();
    await script([
      { rawBody: { error: { message: 'upstream model overloaded' } } },
      { rawBody: { error: { message: 'content filtered' }, model: 'gpt-4o-mini', usage: { prompt_tokens: 120, completion_tokens: 0, total_tokens: 120 } } },
    ]);
    await expect(complete(config({ maxRetries: 0 }), promptFor(), workspaceId, store, now)).rejects.toThrow(/without a completion: upstream model overloaded/);
    expect(await rows()).toEqual([]);
    await expect(complete(config({ maxRetries: 0 }), promptFor(), workspaceId, store, now)).rejects.toThrow(/without a completion: content filtered/);
    expect(await rows()).toEqual([{ usd: costUsd('gpt-4o-mini', 120, 0), promptTokens: 120, completionTokens: 0 }]);
  });
});
