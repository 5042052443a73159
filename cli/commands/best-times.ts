import { metricValue, METRICS, type Metric } from '../../shared/predict/model.ts';
import { bestTimes } from '../../shared/schedule/best-time.ts';
import { CliError, parseFlags, type Command, type Io } from '../io.ts';
import { accountPosts, platformFlag, readPostsFile, timeFlag, timeZoneFlag } from '../posts-file.ts';

const usage = `Usage:
  sightline best-times --posts <posts.csv> [--platform x] [--tz UTC] [--top 5] [--metric total]
                       [--author <id>] [--from <ISO time>] [--json]

The best hours of the coming week to post, from one account's own history in a canonical
posts CSV (id,platform,author,text,url,published_at,likes,comments,shares,views): engagement
by hour of the week in --tz, each hour shrunk toward the platform's defaults by how many posts
back it (the engine behind GET /v1/best-times and the calendar).

Prints "slot,next,expected_lift,confidence,posts,evidence_weight" lines, best first:
  slot             hour of the week in --tz ("Tue 14:00")
  next             its next start after --from (default: now), ISO 8601 UTC
  expected_lift    engagement vs the account's typical post (0.12 = 12 % more), counting only
                   the share of fitted lift that held up in the history's later weeks
  confidence       probability the hour beats the typical post (0.5: the evidence does not say)
  posts            the account's posts in that hour; evidence_weight: their share of the estimate
How the answer was reached (or "not enough history, using platform defaults") goes to stderr.
--json prints the whole result instead, with the lift of all 168 hours (for a heat map).
--platform is needed when the file holds more than one platform; --author keeps one account's
posts (a file with several accounts' counts is pooled, with a note).
`;

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function run(args: string[], io: Io): void {
  const { values } = parseFlags({
    args,
    options: { posts: { type: 'string' }, platform: { type: 'string' }, tz: { type: 'string' }, top: { type: 'string' }, metric: { type: 'string' }, from: { type: 'string' }, author: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  if (!values.posts) throw new CliError('best-times needs --posts <csv>', 2);
  const timeZone = timeZoneFlag(values.tz);
  const metric = (values.metric ?? 'total') as Metric;
  if (!METRICS.includes(metric)) throw new CliError(`--metric must be one of ${METRICS.join(', ')}`, 2);
  const top = values.top === undefined ? 5 : Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 168) throw new CliError('--top must be a whole number from 1 to 168', 2);
  const now = values.from === undefined ? Date.now() : timeFlag(values.from, '--from');
  const all = readPostsFile(values.posts);
  const platform = platformFlag(all, values.platform, values.posts);
  // Authors without counts (others' tweets in an X export) do not enter the fit, so they do not count as pooled.
  const posts = accountPosts(all.filter((p) => p.platform === platform && metricValue(p, metric) !== null), values.author, values.posts, io);
  const result = bestTimes(posts, { platform, timeZone, metric, top, now });
  if (values.json) {
    io.stdout(`${JSON.stringify({ ...result, logLift: result.logLift.map((v) => round(v, 4)) }, null, 2)}\n`);
  } else {
    let out = 'slot,next,expected_lift,confidence,posts,evidence_weight\n';
    for (const s of result.slots) out += `${s.label},${s.next},${round(s.expectedLift)},${round(s.confidence)},${s.posts},${round(s.evidenceWeight)}\n`;
    io.stdout(out);
  }
  io.stderr(`${result.message} (${timeZone})\n`);
}

export const bestTimesCommand: Command = {
  name: 'best-times',
  summary: 'best hours of the coming week to post, from an account\'s posts CSV',
  usage,
  run,
};
