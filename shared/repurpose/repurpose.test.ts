import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseSource } from '../draft/keypoints.ts';
import { lintDraft, xLength } from '../draft/text.ts';
import { MESSAGE_THRESHOLD, messageScore, normWords } from './message.ts';
import { PARAPHRASES } from './paraphrases.fixture.ts';
import { judgeVariant, parsePlatforms, platformProblems, repurpose } from './repurpose.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', 'draft', 'fixtures', `${name}.txt`), 'utf8');
const SOURCES = ['passkeys', 'rust-linux', 'remote-work'];
const ALL = ['x', 'linkedin', 'youtube-shorts', 'youtube-description', 'short-video'] as const;

describe('messageScore', () => {
  const a = analyseSource(fixture('passkeys'));

  it('is 1 for the source itself and 0 for an unrelated text', () => {
    expect(messageScore(a, fixture('passkeys')).score).toBeCloseTo(1, 6);
    const other = messageScore(a, fixture('remote-work'));
    // Only partial credit for stray shared words ("teams").
    expect(other.score).toBeLessThan(0.05);
    expect(other.missing[0]).toBe('passkey');
  });

  it('rejects a hook that names the topic but carries nothing else', () => {
    const s = messageScore(a, 'What is changing with passkeys, and why should you care? Follow for more.');
    expect(s.score).toBeLessThan(MESSAGE_THRESHOLD);
    expect(s.score).toBeGreaterThan(0);
  });

  it('penalises a rewrite that drifts to subjects the source never mentions', () => {
    const faithful = 'Passkeys are replacing passwords. Security teams like them because a passkey cannot be phished, and Apple syncs them across devices.';
    const drifting = 'Passkeys are replacing passwords. Bitcoin wallets, Ethereum exchanges and Tesla dashboards now demand blockchain hardware tokens.';
    const f = messageScore(a, faithful);
    const d = messageScore(a, drifting);
    expect(d.drift).toBeGreaterThan(0.3);
    expect(d.introduced).toEqual(expect.arrayContaining(['bitcoin', 'tesla']));
    expect(d.score).toBeLessThan(f.score);
    expect(d.score).toBeLessThan(MESSAGE_THRESHOLD);
  });

  it('ignores hashtags: a tag line alone does not keep the message', () => {
    expect(messageScore(a, 'Nice day today. #Passkeys #Passwords #Security #Apple').score).toBe(0);
  });

  it('grows as more of the ranked key points are kept', () => {
    const scores = [1, 2, 4, 8].map((k) => messageScore(a, a.ranked.slice(0, k).map((i) => a.sentences[i]).join(' ')).score);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeGreaterThanOrEqual(scores[i - 1]!);
    expect(scores[3]!).toBeGreaterThan(scores[0]!);
  });

  it('separates hand-labelled rewrites that keep the message from ones that lose it', () => {
    const scored = PARAPHRASES.map((p) => ({ ...p, score: messageScore(analyseSource(fixture(p.source)), p.text).score }));
    for (const p of scored) {
      if (p.label === 'keeps') expect(p.score, p.text).toBeGreaterThanOrEqual(MESSAGE_THRESHOLD);
      else expect(p.score, p.text).toBeLessThan(MESSAGE_THRESHOLD);
    }
  });

  it('matches plural, acronym and possessive forms', () => {
    expect(normWords("Kernel APIs and the user's passkeys")).toEqual(['kernel', 'api', 'and', 'the', 'user', 'passkey']);
  });
});

describe('repurpose', () => {
  it('every variant of every source passes for its own source and fails for the others', () => {
    const results = Object.fromEntries(SOURCES.map((s) => [s, repurpose(fixture(s), ALL, { variants: 3 })]));
    const analyses = Object.fromEntries(SOURCES.map((s) => [s, analyseSource(fixture(s))]));
    for (const s of SOURCES) {
      for (const v of results[s]!.variants) {
        expect(v.accepted, `${s} ${v.platform} ${v.variant}: ${v.rejected}`).toBe(true);
        expect(v.messageScore).toBeGreaterThanOrEqual(MESSAGE_THRESHOLD);
        for (const other of SOURCES.filter((o) => o !== s)) expect(messageScore(analyses[other]!, v.text).score).toBeLessThan(MESSAGE_THRESHOLD);
      }
    }
  });

  it('A/B variants differ in hook and order but keep the message', () => {
    const r = repurpose(fixture('rust-linux'), ['linkedin', 'x'], { variants: 3 });
    for (const platform of ['linkedin', 'x']) {
      const vs = r.variants.filter((v) => v.platform === platform);
      expect(vs.map((v) => v.variant)).toEqual(['A', 'B', 'C']);
      expect(new Set(vs.map((v) => v.hook)).size).toBe(3);
      expect(new Set(vs.map((v) => v.text.split('\n')[0])).size).toBe(3);
      // Not the same sentences shuffled around a new first line only: the body order differs too.
      const body = (t: string) => t.split('\n').slice(2).join('\n');
      expect(body(vs[0]!.text)).not.toBe(body(vs[1]!.text));
      for (const v of vs) expect(v.accepted).toBe(true);
    }
  });

  it('meets each platform form', () => {
    const r = repurpose(fixture('remote-work'), ALL, { variants: 1 });
    const by = Object.fromEntries(r.variants.map((v) => [v.platform, v]));
    for (const p of by.x!.parts ?? [by.x!.text]) expect(xLength(p)).toBeLessThanOrEqual(280);
    expect(by.x!.hashtags.length).toBeGreaterThanOrEqual(1);
    expect(by.x!.hashtags.length).toBeLessThanOrEqual(2);
    expect(by.linkedin!.text.length).toBeLessThanOrEqual(3000);
    expect(by.linkedin!.hashtags.length).toBeGreaterThanOrEqual(3);
    expect(by['youtube-shorts']!.words).toBeGreaterThanOrEqual(128);
    expect(by['youtube-shorts']!.words).toBeLessThanOrEqual(172);
    expect(by['youtube-description']!.hashtags).toHaveLength(3);
    for (const v of r.variants) expect(lintDraft(v.text)).toEqual([]);
  });

  it('rejects, with the reason, a Shorts script the source is too short for', () => {
    const r = repurpose(fixture('short'), ['x', 'youtube-shorts'], { variants: 1 });
    expect(r.variants.find((v) => v.platform === 'x')!.accepted).toBe(true);
    const shorts = r.variants.find((v) => v.platform === 'youtube-shorts')!;
    expect(shorts.accepted).toBe(false);
    expect(shorts.rejected).toMatch(/spoken words \(target 150, 128–173\)/);
  });

  it('judgeVariant rejects an off-message or over-long draft and names why', () => {
    const a = analyseSource(fixture('passkeys'));
    const base = { generator: 'llm' as const, label: 'x', hook: 'lead' as const, order: 'rank' as const, warnings: [] };
    const off = judgeVariant(a, { ...base, platform: 'x', text: 'Our coffee machine is great. #Coffee', hashtags: ['#Coffee'], characters: 36, words: 6 }, 'A');
    expect(off.accepted).toBe(false);
    expect(off.rejected).toMatch(/^message score 0\.00 below 0\.5 \(missing: passkey, password/);
    const long = 'Passkeys are replacing passwords. '.repeat(10).trim();
    const tooLong = judgeVariant(a, { ...base, platform: 'x', text: `${long} #Passkeys`, hashtags: ['#Passkeys'], characters: 350, words: 40 }, 'A');
    expect(tooLong.rejected).toMatch(/post 1 is \d+ characters \(max 280\)/);
  });

  it('platformProblems checks hashtag norms and the LinkedIn hook', () => {
    expect(platformProblems({ platform: 'linkedin', text: 'Hook.\n\nBody.', hashtags: ['#a'], words: 2 })).toEqual(['1 hashtags (norm for linkedin: 3–5)']);
    expect(platformProblems({ platform: 'linkedin', text: `${'Long words here '.repeat(20)}.`, hashtags: ['#a', '#b', '#c'], words: 60 })[0]).toMatch(/no hook within the first two lines/);
  });

  it('parses platform lists and refuses unknown names', () => {
    expect(parsePlatforms('x, linkedin,x,youtube-shorts')).toEqual(['x', 'linkedin', 'youtube-shorts']);
    expect(() => parsePlatforms('x,myspace')).toThrow(/unknown platform 'myspace'/);
    expect(() => repurpose(fixture('passkeys'), ['x'], { variants: 4 })).toThrow(/variants must be 1–3/);
  });
});
