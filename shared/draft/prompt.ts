import type { StyleProfile } from '../style/profile.ts';
import { LIMITS, type Draft, type DraftPlatform, type DraftSource, type HookStyle } from './draft.ts';
import { HASHTAG_RANGE } from './hashtags.ts';
import { spokenWords, wordCount, xLength } from './text.ts';

/**
 * Prompts for the LLM path and the parsing of what comes back. Pure, so the worker's
 * client only moves bytes and the prompt can be tested without a model.
 */

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

const PLATFORM_RULES: Record<DraftPlatform, string> = {
  x: `An X post of at most ${LIMITS.xPost} characters. If the message needs more, write a thread: separate posts with a line containing only "---", and end each post with its counter "i/n" (1/4, 2/4, …), each post at most ${LIMITS.xPost} characters including the counter. ${HASHTAG_RANGE.x!.min}–${HASHTAG_RANGE.x!.max} hashtags in total.`,
  linkedin: `A LinkedIn post of at most ${LIMITS.linkedin} characters. The first two lines are the hook and must make sense on their own (LinkedIn folds the post after about ${LIMITS.linkedinFold} characters). Short paragraphs. End with ${HASHTAG_RANGE.linkedin!.min}–${HASHTAG_RANGE.linkedin!.max} hashtags on the last line.`,
  'youtube-shorts': `A YouTube Shorts script of about ${LIMITS.shortsWords} spoken words (${Math.round(LIMITS.shortsWords * 0.85)}–${Math.round(LIMITS.shortsWords * 1.15)}), about 60 seconds. One line per beat, each starting with its label and time, e.g. "Hook (0–3 s): …", then "Beat 1 (3–12 s): …", ending with "Close (…): …". The hook lands in the first 3 seconds.`,
  'youtube-description': `A YouTube video description: the first line is the title (at most ${LIMITS.youtubeTitle} characters, prefixed "Title: "), then a two-sentence summary, then the key points as "• " bullets, then exactly ${HASHTAG_RANGE['youtube-description']!.max} hashtags on the last line.`,
  'short-video': `A short-video script (TikTok, Reels) of about ${LIMITS.shortVideoWords} spoken words, one line per beat starting with its label and time ("Hook (0–3 s): …"), optionally followed by a line "On screen: …" with the caption.`,
};

const HOOK_RULES: Record<HookStyle, string> = {
  lead: 'Open with the most important fact of the source.',
  question: 'Open with a question the source answers.',
  list: 'Open with a line announcing how many points follow, then number them.',
};

/** The style profile as instructions; empty when the workspace has too few posts to say. */
export function styleInstructions(style: StyleProfile | null | undefined): string {
  if (!style || style.posts < 5) return 'No writing-style profile yet: write in a clear, plain, professional voice.';
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const lines = [
    `Write like this account (profile from its last ${style.posts} posts):`,
    `- sentences of about ${Math.round(style.sentenceWords)} words; posts around ${style.medianChars} characters where the platform allows;`,
    style.emoji.postsWithAny >= 0.1 ? `- uses emoji in ${pct(style.emoji.postsWithAny)} of posts, mostly ${style.emoji.top.slice(0, 3).join(' ')};` : '- uses no emoji;',
    style.hashtags.postsWithAny > 0 ? `- hashtags in ${pct(style.hashtags.postsWithAny)} of posts (${style.hashtags.perPost.toFixed(1)} per post); its usual tags: ${style.hashtags.top.slice(0, 5).join(' ')};` : '- rarely uses hashtags (keep to the platform minimum);',
    `- asks questions in ${pct(style.questions.share)} of posts and uses exclamation marks in ${pct(style.exclamations.share)};`,
    `- tone: ${style.tone.label}; favourite words: ${style.vocabulary.top.slice(0, 10).join(', ')}.`,
  ];
  return lines.join('\n');
}

export function buildDraftMessages(source: DraftSource, platform: DraftPlatform, options: { style?: StyleProfile | null; hook?: HookStyle } = {}): ChatMessage[] {
  const system = [
    'You write social media drafts for a social media manager. Use only facts stated in the source; do not add numbers, names or claims it does not contain. Keep its core message.',
    'Write finished text: complete sentences, no placeholders, no notes to the user, no Markdown headings or bold.',
    `Format: ${PLATFORM_RULES[platform]}`,
    `Hook: ${HOOK_RULES[options.hook ?? 'lead']}`,
    styleInstructions(options.style),
  ].join('\n\n');
  const kind = { trend: 'a trending topic', research: 'a saved research item', page: 'the web page the user is reading', text: 'a piece of the user’s own content' }[source.kind];
  const user = [`Source (${kind}):`, source.title ? `Title: ${source.title}` : null, source.url ? `URL: ${source.url}` : null, '"""', source.text.slice(0, 12_000), '"""'].filter((l) => l !== null).join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

const TAG = /(?:^|\s)(#[\p{L}\p{N}_]+)/gu;

/** Turns a model's reply into a Draft of the same shape as the built-in generator's. */
export function parseLlmDraft(platform: DraftPlatform, reply: string, model: string, hook: HookStyle = 'lead'): Draft {
  let text = reply.replace(/\r\n?/g, '\n').trim();
  // Models sometimes wrap the answer in a code fence despite instructions.
  text = text.replace(/^```[a-z]*\n([\s\S]*?)\n```$/i, '$1').trim();
  let title: string | undefined;
  if (platform === 'youtube-description') {
    const m = /^Title:\s*(.+)\n+/i.exec(text);
    if (m) {
      title = m[1]!.trim();
      text = text.slice(m[0].length).trim();
    }
  }
  let parts: string[] | undefined;
  if (platform === 'x') {
    const chunks = text.split(/\n\s*---+\s*\n/).map((c) => c.trim()).filter(Boolean);
    if (chunks.length > 1) {
      const n = chunks.length;
      parts = chunks.map((c, i) => (/\d+\/\d+$/.test(c) ? c : `${c}\n\n${i + 1}/${n}`));
      text = parts.join('\n\n');
    }
  }
  const hashtags = [...new Set([...text.matchAll(TAG)].map((m) => m[1]!))];
  const spoken = platform === 'youtube-shorts' || platform === 'short-video';
  const prose = spoken
    ? text
        .split('\n')
        .filter((l) => !/^\s*On screen:/i.test(l))
        .map((l) => l.replace(/^[\p{L}\p{N} ]{2,24}\s\([^)]*\):\s*/u, ''))
        .join('\n')
    : text;
  return {
    platform,
    generator: 'llm',
    label: `Written by ${model} (LLM draft: check facts before posting)`,
    text,
    ...(parts ? { parts } : {}),
    ...(title ? { title } : {}),
    hashtags,
    hook,
    order: 'rank',
    characters: platform === 'x' ? Math.max(...(parts ?? [text]).map(xLength)) : text.length,
    words: spoken ? spokenWords(prose) : wordCount(text),
    warnings: [],
  };
}
