import { describe, expect, it } from 'vitest';
import { isLocalWorker, normaliseWorkerUrl } from '../settings.ts';
import { parsePairingInput } from './options.tsx';

describe('options input', () => {
  it.each([
    ['ABCD-EFGH', { code: 'ABCD-EFGH' }],
    [' abcd efgh ', { code: 'abcd efgh' }],
    ['sl_AbC-123_xyz', { token: 'sl_AbC-123_xyz' }],
    ['  sl_tok  ', { token: 'sl_tok' }],
    ['sl_ with space', { code: 'sl_ with space' }],
  ])('%j → %j', (input, out) => {
    expect(parsePairingInput(input)).toEqual(out);
  });

  it.each([
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787', true],
    [' http://localhost:8787/console ', 'http://localhost:8787', true],
    ['https://sightline.example.workers.dev/', 'https://sightline.example.workers.dev', false],
    ['http://192.168.1.5:8787', 'http://192.168.1.5:8787', false],
  ])('worker URL %j → %j (local: %j)', (input, url, local) => {
    expect(normaliseWorkerUrl(input)).toBe(url);
    expect(isLocalWorker(url)).toBe(local);
  });

  it('rejects non-http worker URLs', () => {
    expect(() => normaliseWorkerUrl('ftp://example.com')).toThrow(/http/);
    expect(() => normaliseWorkerUrl('not a url')).toThrow();
  });
});
