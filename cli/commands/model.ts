import { readFileSync } from 'node:fs';
import { csvField } from '../../shared/posts/csv.ts';
import { engagementScorer, METRICS, parseEngagementModel, trainEngagementModel, UntrainableHistoryError, type EngagementScorer, type Metric } from '../../shared/predict/model.ts';
import { CliError, parseFlags, writeOutFile, type Command, type Io } from '../io.ts';
import { readPostsFile, timeFlag, timeZoneFlag } from '../posts-file.ts';

const usage = `Usage:
  sightline model train --posts <posts.csv> --out <model.json> [--metric likes] [--tz UTC] [--scope general|account]
  sightline model score --model <model.json> --posts <posts.csv> [--reasons]
  sightline model predict --model <model.json> --text "…" [--url <link>] [--author <id>] [--at <ISO time>]

train    fits the engagement model (probability of landing in the top quartile of the
         metric for its platform) on a canonical posts CSV
         (id,platform,author,text,url,published_at,likes,comments,shares,views).
score    prints "id,probability" lines (with --reasons also the expected range and the top
         reasons in words). Engagement counts in the scored file are ignored.
predict  one draft before publishing, the answer POST /v1/predict gives: JSON {probability,
         expected, reasons, …}; --at is the planned time (without it the hour is left out).
Any bad row stops the command with its line and field on stderr (exit 1).
`;

function train(args: string[], io: Io): void {
  const { values } = parseFlags({ args, options: { posts: { type: 'string' }, out: { type: 'string' }, metric: { type: 'string' }, tz: { type: 'string' }, scope: { type: 'string' } }, strict: true });
  if (!values.posts || !values.out) throw new CliError('model train needs --posts <csv> and --out <model.json>', 2);
  const metric = (values.metric ?? 'likes') as Metric;
  if (!METRICS.includes(metric)) throw new CliError(`--metric must be one of ${METRICS.join(', ')}`, 2);
  const scope = values.scope ?? 'general';
  if (scope !== 'general' && scope !== 'account') throw new CliError('--scope must be general or account', 2);
  const timeZone = timeZoneFlag(values.tz);
  const posts = readPostsFile(values.posts);
  let model;
  try {
    model = trainEngagementModel(posts, { metric, timeZone, scope });
  } catch (err) {
    if (err instanceof UntrainableHistoryError) throw new CliError(err.message);
    throw err;
  }
  writeOutFile(values.out, JSON.stringify(model));
  const v = model.validation;
  io.stderr(
    `trained on ${model.trainedOn} posts (${model.trainedFrom.slice(0, 10)} .. ${model.trainedTo.slice(0, 10)}); top-quartile ${metric} thresholds ${JSON.stringify(model.thresholds)}; ` +
      `held-out AUC ${v.auc === null ? 'n/a' : v.auc.toFixed(3)} on the last ${v.n} posts; wrote ${values.out}\n`,
  );
}

function loadScorer(file: string): EngagementScorer {
  try {
    const model = parseEngagementModel(readFileSync(file, 'utf8'));
    return engagementScorer(model);
  } catch (err) {
    throw new CliError(`cannot load --model ${file}: ${(err as Error).message}`);
  }
}

function score(args: string[], io: Io): void {
  const { values } = parseFlags({ args, options: { model: { type: 'string' }, posts: { type: 'string' }, reasons: { type: 'boolean' } }, strict: true });
  if (!values.model || !values.posts) throw new CliError('model score needs --model <model.json> and --posts <csv>', 2);
  const scorer = loadScorer(values.model);
  // A row on a platform the model never saw would get another platform's odds and reasons.
  const known = Object.keys(scorer.model.thresholds);
  const posts = readPostsFile(values.posts, '--posts', { platforms: known, platformsAre: `the platforms --model ${values.model} was trained on` });
  let out = values.reasons ? 'id,probability,expected_low,expected_median,expected_high,reasons\n' : 'id,probability\n';
  for (const p of posts) {
    const draft = { text: p.text, url: p.url, author: p.author, publishedAt: p.publishedAt };
    if (values.reasons) {
      const r = scorer.predict(draft);
      const e = r.expected;
      out += [csvField(p.id), r.probability.toFixed(4), e?.low ?? '', e?.median ?? '', e?.high ?? '', csvField(r.reasons.map((x) => x.text).join('; '))].join(',') + '\n';
    } else out += `${csvField(p.id)},${scorer.score(draft).toFixed(4)}\n`;
  }
  io.stdout(out);
}

/** One draft, as a writer would try it before publishing: the same answer POST /v1/predict gives. */
function predict(args: string[], io: Io): void {
  const { values } = parseFlags({ args, options: { model: { type: 'string' }, text: { type: 'string' }, url: { type: 'string' }, author: { type: 'string' }, at: { type: 'string' } }, strict: true });
  if (!values.model || values.text === undefined) throw new CliError('model predict needs --model <model.json> and --text "…"', 2);
  const at = values.at === undefined ? undefined : timeFlag(values.at, '--at');
  const scorer = loadScorer(values.model);
  const r = scorer.predict({ text: values.text, ...(values.url ? { url: values.url } : {}), ...(values.author ? { author: values.author } : {}), ...(at === undefined ? {} : { publishedAt: new Date(at).toISOString() }) });
  const m = scorer.model;
  io.stdout(`${JSON.stringify({ probability: Math.round(r.probability * 10_000) / 10_000, expected: r.expected, reasons: r.reasons.map((x) => x.text), metric: m.metric, scope: m.scope, trainedOn: m.trainedOn }, null, 2)}\n`);
}

export const model: Command = {
  name: 'model',
  summary: 'train and score the engagement model (model train | score | predict)',
  usage,
  run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'train') return train(rest, io);
    if (sub === 'score') return score(rest, io);
    if (sub === 'predict') return predict(rest, io);
    throw new CliError(`unknown subcommand '${sub ?? ''}'; expected train, score or predict`, 2);
  },
};
