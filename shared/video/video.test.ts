import { describe, expect, it } from 'vitest';
import { checkKeyMessageConsistency, contentTypeOf, planCampaign } from './campaign.ts';
import { captionCues, timestamp, toSrt } from './captions.ts';
import { extractInsights } from './insights.ts';
import { checkDuration, checkScript, containsKeyMessage, findBlockedWords } from './quality.ts';
import { splitScenes } from './scenes.ts';
import { buildScript, readingSeconds, targetWords } from './script.ts';
import { builtInAvatars, builtInVoices, selectCasting, type AvatarInfo, type VoiceInfo } from './select.ts';
import { buildStoryboard } from './storyboard.ts';
import { parseLlmScript, scriptMessages } from './llm-script.ts';
import { splitSentences } from './text.ts';

const source = `AI agents are moving from demos into production workflows at large companies. A survey of 1,200 engineering leaders found that 41% already run AI agents in at least one internal process. The biggest gains come from support triage and code review, where AI agents cut response times by half. Teams that succeed keep a human approval step for every action that touches customers. Costs fall quickly once AI agents reuse cached context instead of calling the model for every step. Security teams still worry about agents holding broad credentials, so scoped tokens are becoming the norm. Analysts expect AI agents to handle a quarter of routine back-office tasks by 2027.`;

describe('splitSentences', () => {
  it.each([
    ['One. Two! Three?', ['One.', 'Two!', 'Three?']],
    ['Costs fell 3.5% e.g. in the U.S. this year. Next.', ['Costs fell 3.5% e.g. in the U.S. this year.', 'Next.']],
    ['', []],
  ])('%s', (text, expected) => expect(splitSentences(text)).toEqual(expected));
});

describe('extractInsights', () => {
  it('finds the topic, a key message from the source and informative sentences in order', () => {
    const i = extractInsights(source);
    expect(i.topic).toBe('AI agents');
    expect(source).toContain(i.keyMessage.replace(/\.$/, ''));
    expect(i.insights.length).toBeGreaterThanOrEqual(4);
    const positions = i.insights.map((s) => source.indexOf(s.replace(/\.$/, '')));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it.each([
    // The subject the source opens with, not the chunker's run-on "passwords faster".
    ['Passkeys are replacing passwords faster than most security teams expected.', 'Passkeys'],
    ['WebGPU ships in every major browser', 'WebGPU'],
    // A comparative at a phrase's edge is not part of the topic.
    ['Banks report fewer account takeovers after switching customers to passkeys.', 'account takeovers'],
  ])('names the topic of a one-line source: %j → %j', (text, topic) => {
    expect(extractInsights(text).topic).toBe(topic);
  });
});

describe('buildScript', () => {
  it.each([15, 30, 60, 90])('sizes a %i s script to the words-per-minute budget', (durationSec) => {
    const script = buildScript(extractInsights(source), { durationSec, platform: 'tiktok', tone: 'professional' });
    expect(script.words).toBeLessThanOrEqual(targetWords(durationSec) * 1.1);
    expect(script.readingSec).toBe(readingSeconds(script.text));
  });

  it('writes grammatical, deterministic scripts with a hook, the key message and a call to action', () => {
    const insights = extractInsights(source);
    const a = buildScript(insights, { durationSec: 60, platform: 'linkedin', tone: 'educational' });
    const b = buildScript(insights, { durationSec: 60, platform: 'linkedin', tone: 'educational' });
    expect(a).toEqual(b);
    expect(a.parts[0]!.text).toMatch(/^In the next 60 seconds, you will learn \w+ things about AI agents\.$/);
    expect(a.text).toContain('The short version: ');
    expect(a.text.endsWith('What is your take? Share it in the comments.')).toBe(true);
    // Every sentence starts with a capital and ends with terminal punctuation.
    for (const s of splitSentences(a.text)) expect(s).toMatch(/^[A-Z].*[.!?]$/);
    expect(a.text).not.toMatch(/\.\./);
    expect(containsKeyMessage(a.text, insights.keyMessage)).toBe(true);
  });
});

describe('scenes and captions', () => {
  const script = buildScript(extractInsights(source), { durationSec: 60, platform: 'tiktok', tone: 'energetic' });
  const scenes = splitScenes(script);

  it('cuts one scene per part with contiguous timings that add up to the reading time', () => {
    expect(scenes.length).toBe(script.parts.length);
    expect(scenes[0]!.startSec).toBe(0);
    for (let i = 1; i < scenes.length; i++) expect(scenes[i]!.startSec).toBe(scenes[i - 1]!.endSec);
    expect(scenes.at(-1)!.endSec).toBeCloseTo(script.readingSec, 0);
  });

  it('renders valid SRT', () => {
    const srt = toSrt(captionCues(scenes));
    const blocks = srt.trim().split(/\n\n/);
    expect(blocks[0]).toMatch(/^1\n00:00:00,000 --> 00:00:0\d,\d{3}\n.+/);
    for (const [i, block] of blocks.entries()) {
      const [n, times] = block.split('\n');
      expect(Number(n)).toBe(i + 1);
      expect(times).toMatch(/^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$/);
    }
    expect(timestamp(3725.5)).toBe('01:02:05,500');
  });
});

describe('quality checks', () => {
  const script = buildScript(extractInsights(source), { durationSec: 45, platform: 'shorts', tone: 'casual' });
  it('passes a good script', () => {
    expect(checkScript(script, { keyMessage: extractInsights(source).keyMessage })).toEqual({ ok: true, issues: [] });
  });
  it('flags blocked words, a missing key message, overlong and overtime scripts', () => {
    const report = checkScript(
      { ...script, text: `${'word '.repeat(1100)} guaranteed returns`, readingSec: 500 },
      { keyMessage: 'Quantum teleportation ships next week.', blockedWords: ['Returns'] },
    );
    expect(report.issues.map((i) => i.check).sort()).toEqual(['blocked-words', 'key-message', 'length', 'reading-time']);
  });
  it('matches blocked words on word boundaries only', () => {
    expect(findBlockedWords('A risk-free trial', ['risk-free'])).toEqual(['risk-free']);
    expect(findBlockedWords('Scunthorpe United', ['cunt'])).toEqual([]);
  });
  it('checks rendered duration within tolerance', () => {
    expect(checkDuration(31, 30).ok).toBe(true);
    expect(checkDuration(62, 30).ok).toBe(false);
  });
});

describe('selectCasting', () => {
  const avatars: AvatarInfo[] = [
    { id: 'a1', name: 'Anna Casual Hoodie', gender: 'female' },
    { id: 'b2', name: 'Ben Business Suit', gender: 'male' },
    { id: 'c3', name: 'Cara Office Formal', gender: 'female' },
  ];
  const voices: VoiceInfo[] = [
    { id: 'v1', name: 'Deutsch Mann', language: 'German', gender: 'male', emotionSupport: false },
    { id: 'v2', name: 'Mark Professional', language: 'English', gender: 'male', emotionSupport: false },
    { id: 'v3', name: 'Jane Friendly', language: 'English', gender: 'female', emotionSupport: true },
  ];
  it.each([
    [{ tone: 'professional' as const, audience: 'B2B founders' }, 'b2', 'v2'],
    [{ tone: 'casual' as const, audience: 'Gen Z creators' }, 'a1', 'v3'],
    [{ tone: 'professional' as const, gender: 'female' as const }, 'c3', 'v3'],
    [{ tone: 'casual' as const, avatarIds: ['b2'] }, 'b2', 'v2'],
  ])('%j → %s + %s', (opts, avatar, voice) => {
    const c = selectCasting(avatars, voices, opts);
    expect([c.avatar.id, c.voice.id]).toEqual([avatar, voice]);
  });
  it('falls back to the built-in catalogue', () => {
    const c = selectCasting([], [], { tone: 'professional' });
    expect(builtInAvatars.map((a) => a.id)).toContain(c.avatar.id);
    expect(builtInVoices.map((v) => v.id)).toContain(c.voice.id);
  });
});

describe('buildStoryboard', () => {
  it('yields a renderable storyboard for a 9:16 TikTok', () => {
    const sb = buildStoryboard({ sourceText: source, platform: 'tiktok', durationSec: 45, tone: 'energetic' }, { avatars: [], voices: [] });
    expect(sb.dimension).toEqual({ width: 1080, height: 1920 });
    expect(sb.quality.ok).toBe(true);
    expect(sb.captionsSrt).toMatch(/^1\n00:00:00,000 --> /);
    expect(sb.scenes.length).toBeGreaterThan(2);
  });
  it('reports a source too thin for the target', () => {
    const sb = buildStoryboard({ sourceText: 'Rust ships a new release today.', platform: 'youtube', durationSec: 120, tone: 'professional' }, { avatars: [], voices: [] });
    expect(sb.format).toBe('16:9');
    expect(sb.quality.issues.map((i) => i.check)).toEqual(['reading-time']);
  });
});

describe('campaigns', () => {
  const brief = {
    goal: 'Grow sign-ups for the agent platform',
    audience: 'engineering leaders',
    platforms: ['linkedin', 'tiktok'] as const,
    roster: [
      { avatarId: 'teacher', contentTypes: ['educational' as const, 'tips' as const] },
      { avatarId: 'host', contentTypes: ['announcement' as const] },
      { avatarId: 'any' },
    ],
    pillars: ['How to ship agents safely', 'We launch scoped tokens', 'Customer story: Acme halves support time', 'Why agents need human approval'],
    keyMessage: 'Sightline agents ship safely with human approval.',
    videos: 8,
    durationSec: 45,
    startAt: Date.parse('2026-12-01T00:00:00Z'),
  };
  it('assigns avatars by content type and places one slot per platform per day', () => {
    const plan = planCampaign({ ...brief, platforms: [...brief.platforms] });
    expect(plan).toHaveLength(8);
    expect(plan.map((p) => p.contentType).slice(0, 4)).toEqual(['tips', 'announcement', 'testimonial', 'educational']);
    expect(plan.map((p) => p.avatarId).slice(0, 4)).toEqual(['teacher', 'host', 'any', 'teacher']);
    const linkedin = plan.filter((p) => p.platform === 'linkedin').map((p) => new Date(p.publishAt).toISOString());
    expect(linkedin).toEqual(['2026-12-01T08:00:00.000Z', '2026-12-02T08:00:00.000Z', '2026-12-03T08:00:00.000Z', '2026-12-04T08:00:00.000Z']);
  });
  it('checks the key message across scripts', () => {
    const plan = planCampaign({ ...brief, platforms: [...brief.platforms] });
    const scripts = plan.map((p) =>
      buildStoryboard({ topic: p.topic, sourceText: p.sourceText, platform: p.platform, durationSec: 45, tone: p.tone, keyMessage: brief.keyMessage }, { avatars: [], voices: [] }).script.text,
    );
    expect(checkKeyMessageConsistency(scripts, brief.keyMessage)).toEqual({ ok: true, missing: [] });
    expect(checkKeyMessageConsistency([...scripts, 'Something else entirely.'], brief.keyMessage)).toEqual({ ok: false, missing: [8] });
  });
  it('classifies pillars', () => {
    expect(contentTypeOf('Behind the scenes with our team')).toBe('behind-the-scenes');
    expect(contentTypeOf('The economics of inference')).toBe('educational');
  });
});

describe('LLM scripts', () => {
  const insights = extractInsights(source);
  const key = insights.keyMessage;
  it('prompts with the insights, the key message and the word budget', () => {
    const [system, user] = scriptMessages(insights, { durationSec: 30, platform: 'tiktok', tone: 'casual', keyMessage: key });
    expect(system!.content).toContain('About 75 words (30 seconds');
    expect(user!.content).toContain(`Key message: ${key}`);
    expect(user!.content).toContain(`- ${insights.insights[1]}`);
  });
  it('parses a reply, strips labels and sizes it to the target', () => {
    const reply = `Hook: Your support queue is about to shrink.\nScene 2 (3-10 s): ${key}\n- The biggest gains come from support triage and code review.\n${'Filler sentence that goes on and on. '.repeat(12)}\nCTA: Follow for more.`;
    const s = parseLlmScript(reply, { durationSec: 30, keyMessage: key })!;
    expect(s.generator).toBe('llm');
    expect(s.parts[0]).toEqual({ role: 'hook', text: 'Your support queue is about to shrink.' });
    expect(s.parts.at(-1)).toEqual({ role: 'close', text: 'Follow for more.' });
    expect(s.parts.map((p) => p.role)).toContain('key');
    expect(s.words).toBeLessThanOrEqual(Math.round(targetWords(30) * 1.1));
    expect(s.text).not.toMatch(/Hook:|Scene|CTA/);
  });
  it('rejects an unusable reply', () => {
    expect(parseLlmScript('OK', { durationSec: 30, keyMessage: key })).toBeNull();
  });
});
