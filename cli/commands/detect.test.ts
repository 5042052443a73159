import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

const run = runCli;

const dir = mkdtempSync(path.join(tmpdir(), 'sightline-detect-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

/**
 * Five-minute counts over 12 days (ISO 'T…Z' stamps with fractions, to check they are
 * echoed verbatim) and one burst; the detector confirms on the burst's second row.
 */
function burstCsv(): { text: string; burstStamp: string } {
  const lines = ['timestamp,value'];
  let burstStamp = '';
  for (let i = 0; i < 288 * 12; i++) {
    const t = new Date(Date.UTC(2015, 2, 1) + i * 300_000).toISOString(); // 2015-03-01T00:00:00.000Z
    const d = i - 288 * 8;
    const v = 30 + ((i * 7919) % 13) - 6 + (d >= 0 ? Math.round(600 * Math.exp(-d / 24)) : 0);
    if (d === 1) burstStamp = t;
    lines.push(`${t},${v}`);
  }
  return { text: `${lines.join('\n')}\n`, burstStamp };
}

describe('sightline detect', () => {
  it('prints alarm timestamps exactly as written in the input', async () => {
    const { text, burstStamp } = burstCsv();
    const r = await run('detect', file('burst.csv', text));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${burstStamp}\n`);
  });

  it('prints nothing for a series with no burst', async () => {
    const quiet = burstCsv().text.split('\n').slice(0, 288 * 7).join('\n');
    const r = await run('detect', file('quiet.csv', `${quiet}\n`));
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('rejects a bad value naming the line and field, on stderr only', async () => {
    const r = await run('detect', file('bad.csv', 'timestamp,value\n2015-01-01 00:00:00,3\n2015-01-01 00:05:00,three\n'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.csv: line 3, value: "three" is not a finite number/);
  });

  it('rejects a bad timestamp and a bad header', async () => {
    const t = await run('detect', file('badts.csv', 'timestamp,value\nsoon,3\n'));
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('line 2, timestamp');
    const h = await run('detect', file('badhdr.csv', 'date,count\n'));
    expect(h.code).toBe(1);
    expect(h.stderr).toContain('line 1, header');
  });

  it('a series too short for any alarm is an error saying how many points are needed', async () => {
    for (const [name, text] of [['hdr.csv', 'timestamp,value\n'], ['one.csv', 'timestamp,value\n2015-01-01 00:00:00,3\n']] as const) {
      for (const cmd of ['detect', 'forecast-peak']) {
        const r = await run(cmd, file(name, text));
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/too few points to detect bursts \([01]; at this sampling step the detector needs at least 290\)/);
      }
    }
  });

  it('needs exactly one file', async () => {
    const r = await run('detect');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('exactly one');
  });
});

describe('sightline forecast-peak', () => {
  it('prints alarm_timestamp,predicted_peak_timestamp per alarm, in the input style', async () => {
    const { text, burstStamp } = burstCsv();
    const r = await run('forecast-peak', file('burst2.csv', text));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const [alarm, peak] = (lines[0] as string).split(',');
    expect(alarm).toBe(burstStamp);
    expect(peak).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(peak as string)).toBeGreaterThanOrEqual(Date.parse(alarm as string));
  });

  it('rejects a bad CSV naming the row and field', async () => {
    const r = await run('forecast-peak', file('bad2.csv', 'timestamp,value\n2015-01-01 00:00:00,1,2\n'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('line 2, row');
  });
});
