import { readFileSync } from 'node:fs';
import { judgeVariant, parsePlatforms, repurpose as repurposeText } from '../../shared/repurpose/repurpose.ts';
import { analyseSource } from '../../shared/draft/keypoints.ts';
import { parseLlmDraft } from '../../shared/draft/prompt.ts';
import { MESSAGE_THRESHOLD } from '../../shared/repurpose/message.ts';
import { styleProfile } from '../../shared/style/profile.ts';
import { DRAFT_PLATFORMS } from '../../shared/draft/draft.ts';
import { CliError, parseFlags, type Command, type Io } from '../io.ts';
import { readPostsFile } from '../posts-file.ts';

const usage = `Usage:
  sightline repurpose --platforms x,linkedin,youtube-shorts --input <file.txt> [--variants N]
                      [--title "…"] [--url <link>] [--style-posts <posts.csv>] [--threshold 0.5] [--all]
  sightline repurpose --platforms linkedin --input <file.txt> --check <variant.txt>

Turns one piece of text into each platform's form with the built-in generator (no LLM):
x (one post ≤ 280 characters or a numbered thread), linkedin (≤ 3,000 characters, hook in
the first two lines), youtube-shorts (≈150 spoken words), youtube-description, short-video.
Platforms: ${DRAFT_PLATFORMS.join(', ')}.

--variants N     A/B variants per platform (1–3): different hook and order of points
--style-posts    a canonical posts CSV of the account: drafts follow its style profile
--threshold      minimum message score (default ${MESSAGE_THRESHOLD}); keyphrase recall of the source
--all            also print rejected variants (with "rejected": reason)
--check FILE     instead of generating, judge a variant you wrote (or an LLM did) as a post
                 for the one platform in --platforms: message score, missing keyphrases, limits

Prints JSON {variants: [{platform, variant, text, parts?, hashtags, characters, words,
messageScore, …}], rejected: [...], threshold, core}. Exit 1 when no variant passes.
`;

const round = (x: number) => Math.round(x * 1000) / 1000;

function read(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${what} ${file}: ${(err as Error).message}`);
  }
}

export const repurpose: Command = {
  name: 'repurpose',
  summary: 'rewrite one text for X, LinkedIn, YouTube Shorts … with A/B variants (JSON)',
  usage,
  run(args: string[], io: Io) {
    const { values } = parseFlags({
      args,
      options: {
        platforms: { type: 'string' },
        input: { type: 'string' },
        variants: { type: 'string' },
        title: { type: 'string' },
        url: { type: 'string' },
        'style-posts': { type: 'string' },
        threshold: { type: 'string' },
        all: { type: 'boolean' },
        check: { type: 'string' },
      },
      strict: true,
    });
    if (!values.platforms || !values.input) throw new CliError('repurpose needs --platforms <list> and --input <file.txt>', 2);
    let platforms;
    try {
      platforms = parsePlatforms(values.platforms);
    } catch (err) {
      throw new CliError(`--platforms: ${(err as Error).message}`, 2);
    }
    const variants = values.variants === undefined ? 1 : Number(values.variants);
    if (!Number.isInteger(variants) || variants < 1 || variants > 3) throw new CliError(`--variants must be a whole number from 1 to 3, got '${values.variants}'`, 2);
    const threshold = values.threshold === undefined ? MESSAGE_THRESHOLD : Number(values.threshold);
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw new CliError(`--threshold must be between 0 and 1, got '${values.threshold}'`, 2);
    // One variant is written for one platform; judging it against the first of several would
    // pass a LinkedIn post as fine for X without saying so.
    if (values.check !== undefined && platforms.length !== 1) throw new CliError(`--check judges a variant for one platform; --platforms names ${platforms.length} (${platforms.join(', ')})`, 2);
    const text = read(values.input, '--input');
    if (!text.trim()) throw new CliError(`${values.input}: input is empty`);
    let style = null;
    if (values['style-posts']) {
      style = styleProfile(readPostsFile(values['style-posts'], '--style-posts').map((p) => p.text));
    }
    if (values.check) {
      const candidate = read(values.check, '--check');
      const a = analyseSource(text, { title: values.title ?? null });
      if (!a.sentences.length) throw new CliError(`${values.input}: source has no usable sentence (need at least one sentence of four or more words)`);
      const d = parseLlmDraft(platforms[0]!, candidate, 'user');
      const v = judgeVariant(a, d, 'A', threshold);
      io.stdout(`${JSON.stringify({ platform: v.platform, messageScore: v.messageScore, recall: round(v.message.recall), drift: round(v.message.drift), missing: v.message.missing, introduced: v.message.introduced, accepted: v.accepted, ...(v.rejected ? { rejected: v.rejected } : {}), threshold }, null, 2)}\n`);
      if (!v.accepted) throw new CliError(`${values.check}: rejected: ${v.rejected}`);
      return;
    }
    let result;
    try {
      result = repurposeText(text, platforms, { variants, threshold, style, title: values.title ?? null, url: values.url ?? null });
    } catch (err) {
      if (err instanceof RangeError) throw new CliError(`${values.input}: ${err.message}`);
      throw err;
    }
    const slim = (v: (typeof result.variants)[number]) => {
      const { message, ...rest } = v;
      return { ...rest, recall: round(message.recall), drift: round(message.drift), missing: message.missing };
    };
    const accepted = result.variants.filter((v) => v.accepted).map(slim);
    const rejected = result.variants.filter((v) => !v.accepted).map(slim);
    const out = { variants: values.all ? result.variants.map(slim) : accepted, rejected: rejected.map((v) => ({ platform: v.platform, variant: v.variant, messageScore: v.messageScore, reason: v.rejected })), threshold: result.threshold, core: result.core };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    for (const r of rejected) io.stderr(`rejected ${r.platform} variant ${r.variant}: ${r.rejected}\n`);
    if (!accepted.length) throw new CliError('no variant passed the checks (see the reasons above)');
  },
};
