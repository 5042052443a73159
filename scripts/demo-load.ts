/**
 * Loads the demo trends into the local D1 database (idempotent: re-running refreshes
 * their times instead of adding rows). Usage:
 *   npm run demo:load [-- --persist-to <dir>]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { root, wranglerRun } from './wrangler.ts';

interface DemoTrend {
  id: string;
  name: string;
  keywords: string[];
  platforms: string[];
  confidence: number;
  velocity: number;
  sentiment: number | null;
  firstDetectedHoursAgo: number;
  peakInHours: number | null;
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlNum = (n: number | null) => (n === null ? 'NULL' : String(n));

export function demoTrendsSql(trends: DemoTrend[], now: number): string {
  const hour = 3600_000;
  const rows = trends.map((t) =>
    `(${[
      sqlText(t.id),
      'NULL',
      sqlText(t.name),
      sqlText(JSON.stringify(t.keywords)),
      sqlText(JSON.stringify(t.platforms)),
      sqlNum(t.confidence),
      sqlNum(t.velocity),
      sqlNum(t.sentiment),
      sqlNum(now - t.firstDetectedHoursAgo * hour),
      sqlNum(t.peakInHours === null ? null : now + t.peakInHours * hour),
      sqlText('[]'),
      sqlNum(now),
    ].join(', ')})`,
  );
  return `INSERT INTO trends (id, workspace_id, name, keywords, source_platforms, confidence_score, velocity_score, sentiment_score, first_detected_at, peak_predicted_at, related_trends, updated_at)
VALUES
${rows.join(',\n')}
ON CONFLICT(id) DO UPDATE SET name = excluded.name, keywords = excluded.keywords, source_platforms = excluded.source_platforms,
  confidence_score = excluded.confidence_score, velocity_score = excluded.velocity_score, sentiment_score = excluded.sentiment_score,
  first_detected_at = excluded.first_detected_at, peak_predicted_at = excluded.peak_predicted_at, updated_at = excluded.updated_at;
`;
}

export async function loadDemo(opts: { persistTo?: string } = {}): Promise<number> {
  const { trends } = JSON.parse(readFileSync(path.join(root, 'worker/demo/trends.json'), 'utf8')) as { trends: DemoTrend[] };
  const dir = path.join(root, '.wrangler', 'tmp');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'demo-trends.sql');
  writeFileSync(file, demoTrendsSql(trends, Date.now()));
  const persist = opts.persistTo ? ['--persist-to', opts.persistTo] : [];
  await wranglerRun(['d1', 'execute', 'DB', '--local', '--file', file, ...persist]);
  return trends.length;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { 'persist-to': { type: 'string' } } });
  const n = await loadDemo(values['persist-to'] ? { persistTo: values['persist-to'] } : {});
  console.log(`loaded ${n} demo trends into the local D1 database`);
}
