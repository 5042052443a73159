import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir, evalSet, loadNabDir } from './eval-bursts.ts';
import { evalGoogleTrends, evalReddit } from './eval-peaks.ts';

const dir = dataDir();
const have = existsSync(dir);
if (!have) console.log(`eval-trends tests skipped: ${dir} not found`);

describe.skipIf(!have)('burst detector on the real NAB files', () => {
  it('scores all five tweet files with their 16 windows, far above the null detector', () => {
    const r = evalSet(loadNabDir(path.join(dir, 'nab-tweets')));
    expect(r.files.map((f) => f.name)).toHaveLength(5);
    expect(r.files.reduce((a, f) => a + f.score.windows, 0)).toBe(16);
    // Sanity bounds only (the figure itself is printed by npm run eval:bursts): a
    // detector that lost its way would fall towards the null detector's 0.
    expect(r.normalised).toBeGreaterThan(50);
    expect(r.normalised).toBeLessThanOrEqual(100);
  }, 60_000);

  it('scores the known-cause files with the same configuration', () => {
    const r = evalSet(loadNabDir(path.join(dir, 'nab-known-cause')));
    expect(r.files).toHaveLength(7);
    expect(r.files.reduce((a, f) => a + f.score.windows, 0)).toBe(19);
  }, 60_000);
});

describe.skipIf(!have)('peak forecasts on the real event series', () => {
  it('google-trends-events: forecasts every alarmed event, no worse than peak = alarm', () => {
    const r = evalGoogleTrends(dir);
    expect(r.alarms).toBeGreaterThanOrEqual(15);
    const [naive, , analog] = r.methods;
    expect(analog?.peakMaeHours).toBeLessThanOrEqual(naive?.peakMaeHours ?? 0);
  });

  it('reddit-hourly: the analog forecaster beats both naive baselines on later posts', () => {
    const r = evalReddit(dir);
    expect(r.alarms).toBeGreaterThan(500);
    const [naive, medianLag, analog] = r.methods;
    expect(analog?.peakMaeHours).toBeLessThan(naive?.peakMaeHours ?? 0);
    expect(analog?.peakMaeHours).toBeLessThan(medianLag?.peakMaeHours ?? 0);
  }, 60_000);
});
