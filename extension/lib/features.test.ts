import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineFeature, guard, runFeatures } from './features.ts';

afterEach(() => vi.restoreAllMocks());

describe('features', () => {
  it('a failing feature is logged once with its id and does not stop the others', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const ran: string[] = [];
    const broken = defineFeature({ id: 'x/broken', init: () => { throw new Error('selector changed'); } });
    const fine = defineFeature({ id: 'x/fine', init: () => { ran.push('fine'); } });
    await runFeatures({} as ContentScriptContext, [broken, fine]);
    expect(ran).toEqual(['fine']);

    const onMutation = guard('x/broken', () => { throw new Error('again'); });
    onMutation();
    onMutation();
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]![0])).toContain('x/broken');
  });

  it('guards async callbacks too', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    guard('y/async', async () => { throw new Error('later'); })();
    await new Promise((r) => setTimeout(r, 0));
    expect(String(log.mock.calls[0]![0])).toContain('y/async');
  });
});
