import { describe, expect, it } from 'vitest';
import { contentGaps } from './gaps.ts';

const now = Date.parse('2026-11-24T12:00:00Z');
const daysAgo = (d: number) => new Date(now - d * 86_400_000).toISOString();

describe('contentGaps', () => {
  const trending = [
    { topic: 'passkeys', score: 80 },
    { topic: 'Rust in the kernel', score: 60 },
    { topic: 'four-day week', score: 40 },
  ];
  const competitors = [
    { competitor: 'acme', text: 'Why we moved every login to passkeys', publishedAt: daysAgo(3) },
    { competitor: 'globex', text: 'Passkeys FAQ', publishedAt: daysAgo(5) },
    { competitor: 'acme', text: 'Our take on AI agents', topic: 'AI agents', publishedAt: daysAgo(2) },
    { competitor: 'initech', text: 'Old post about passkeys', publishedAt: daysAgo(200) },
  ];

  it('ranks uncovered topics by demand and competitor pressure, and explains each', () => {
    const gaps = contentGaps(trending, competitors, [], { now });
    expect(gaps.map((g) => g.topic)).toEqual(['passkeys', 'Rust in the kernel', 'AI agents', 'four-day week']);
    const pk = gaps[0]!;
    // demand 0.8, two recent competitors (the 200-day-old one is outside the window) → 1 − 0.2 × 0.25.
    expect(pk.competitors).toEqual(['acme', 'globex']);
    expect(pk.opportunity).toBe(95);
    expect(pk.reasons).toEqual(['trending (score 80)', 'covered by 2 competitors: acme, globex', 'you have not posted on it']);
    expect(gaps.find((g) => g.topic === 'AI agents')!.opportunity).toBe(50);
  });

  it('finds topics in untagged competitor posts that two or more competitors share', () => {
    const posts = [
      { competitor: 'acme', text: 'Our roadmap for WebGPU compute shaders', publishedAt: daysAgo(1) },
      { competitor: 'globex', text: 'Benchmarks: WebGPU compute shaders vs WebGL', publishedAt: daysAgo(2) },
      { competitor: 'initech', text: 'A quiet week at the office', publishedAt: daysAgo(2) },
    ];
    const gaps = contentGaps([], posts, [{ text: 'We tried WebGL last year', publishedAt: daysAgo(400) }], { now });
    expect(gaps.map((g) => g.topic)).toEqual(['WebGPU compute shaders']);
    expect(gaps[0]!.opportunity).toBe(75);
  });

  it('drops topics the workspace covered recently and discounts older coverage', () => {
    const own = [
      { text: 'Our guide to passkeys', publishedAt: daysAgo(3) },
      { text: 'Rust is coming to the kernel drivers', publishedAt: daysAgo(37) },
    ];
    const gaps = contentGaps(trending, competitors, own, { now });
    expect(gaps.some((g) => g.topic === 'passkeys')).toBe(false);
    const rust = gaps.find((g) => g.topic === 'Rust in the kernel')!;
    // 37 days: halfway between full coverage (14) and none (60).
    expect(rust.coverage).toBeCloseTo(0.5, 9);
    expect(rust.opportunity).toBe(30);
    expect(rust.reasons[1]).toBe('your last post on it was 37 days ago');
  });
});
