import { describe, expect, it } from 'vitest';
import { offlineNoiseFilter } from './offline-noise.ts';

// As `wrangler dev` prints them (colours kept), around the worker's own log lines.
const dnsBlock = [
  '\u001b[31m✘ \u001b[41;31m[\u001b[41;97mERROR\u001b[41;31m]\u001b[0m \u001b[1me = rust/worker/ffi.rs:104: failed: failed to lookup address information: Name or service not known\u001b[0m',
  '',
  '  stack: /srv/node_modules/@cloudflare/workerd-linux-64/bin/workerd@3d4d979 /srv/node_modules/@cloudflare/workerd-linux-64/bin/workerd@2b5edc0; sentryErrorContext = jsgInternalError; wdErrId = gk17udlnpes88frgi6990ahb',
  '',
  '',
];

describe('offlineNoiseFilter', () => {
  it('drops workerd’s DNS error blocks, says why once, and passes every other line through', () => {
    const out: string[] = [];
    const line = offlineNoiseFilter((l) => out.push(l));
    const unreachable = '{"level":"warn","job":"source-fetch","source":"reddit","status":"failed","error":"www.reddit.com unreachable: could not connect (DNS or network failure)"}';
    const other = '\u001b[31m✘ [ERROR] D1_ERROR: no such table: trends\u001b[0m';
    for (const l of ['[wrangler:info] Ready on http://127.0.0.1:8787', ...dnsBlock, ...dnsBlock, unreachable, '', other, '  stack: a real one', ...dnsBlock, 'after']) line(l);
    expect(out).toEqual([
      '[wrangler:info] Ready on http://127.0.0.1:8787',
      expect.stringMatching(/^\(offline: the live sources cannot be reached/),
      unreachable,
      '',
      other,
      '  stack: a real one',
      'after',
    ]);
  });
});
