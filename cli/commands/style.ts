import { styleProfile } from '../../shared/style/profile.ts';
import { CliError, parseFlags, type Command, type Io } from '../io.ts';
import { accountPosts, platformFlag, readPostsFile } from '../posts-file.ts';

const usage = `Usage:
  sightline style --posts <posts.csv> [--platform x] [--author <id>]

The account's writing style from its posts (a canonical posts CSV): post length, words per
sentence, emoji, hashtag and mention habits, links, questions, vocabulary and tone, as JSON
{platform, profile}. The same profile GET /v1/style-profile returns and drafting follows
(sightline repurpose --style-posts). --platform is needed when the file holds more than one
platform; --author keeps one account's posts (several authors are pooled, with a note).
`;

function run(args: string[], io: Io): void {
  const { values } = parseFlags({ args, options: { posts: { type: 'string' }, platform: { type: 'string' }, author: { type: 'string' } }, strict: true });
  if (!values.posts) throw new CliError('style needs --posts <csv>', 2);
  const all = readPostsFile(values.posts);
  if (!all.length) throw new CliError(`${values.posts} has no posts to read a style from`);
  const platform = platformFlag(all, values.platform, values.posts);
  const posts = accountPosts(all.filter((p) => p.platform === platform), values.author, values.posts, io);
  const profile = styleProfile(posts.map((p) => p.text));
  // Rates to three decimals: the profile's raw floats carry no more meaning than that.
  const round = (_: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v);
  io.stdout(`${JSON.stringify({ platform, profile }, round, 2)}\n`);
}

export const style: Command = {
  name: 'style',
  summary: 'an account\'s writing style (length, emoji, hashtags, vocabulary, tone) as JSON',
  usage,
  run,
};
