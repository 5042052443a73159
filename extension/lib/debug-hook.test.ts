import { describe, expect, it } from 'vitest';
import { exposeDebugHook } from './debug-hook.ts';

describe('exposeDebugHook', () => {
  const hook = { tick: () => 'ticked' };
  it('exposes the hook in an unpacked (development) install', async () => {
    const target: Record<string, unknown> = {};
    expect(await exposeDebugHook(async () => ({ installType: 'development' }), target, hook)).toBe(true);
    expect(target.sightlineDebug).toBe(hook);
  });

  it('leaves a store install, an admin install or a failing lookup without it', async () => {
    for (const getSelf of [async () => ({ installType: 'normal' }), async () => ({ installType: 'admin' }), () => Promise.reject(new Error('no management API'))]) {
      const target: Record<string, unknown> = {};
      expect(await exposeDebugHook(getSelf, target, hook)).toBe(false);
      expect(target).toEqual({});
    }
  });
});
