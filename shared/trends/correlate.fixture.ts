import type { Observation, TrendSource } from './types.ts';

/**
 * Hand-made window of ~30 items for the correlation tests: three topics told differently
 * on several sources, one topic on one source, and unrelated one-offs.
 */
export const now = Date.UTC(2026, 10, 24, 12);
const hour = 3_600_000;

/** One item: created `createdHoursAgo`, seen at each [hoursAgo, score, comments] sighting. */
export function item(source: TrendSource, externalId: string, title: string, createdHoursAgo: number, sightings: [number, number, number][], text: string | null = null): Observation[] {
  return sightings.map(([ago, score, comments]) => ({
    source,
    externalId,
    title,
    text,
    url: null,
    score,
    comments,
    createdAt: now - createdHoursAgo * hour,
    observedAt: now - ago * hour,
  }));
}

export const rustForLinux: Observation[] = [
  ...item('hackernews', '41000001', 'Rust for Linux: the kernel merges its first Rust driver', 5, [[4, 120, 40], [1, 480, 210]]),
  ...item('hackernews', '41000002', 'Linux kernel maintainers debate Rust drivers', 3, [[2, 60, 30], [0, 260, 150]]),
  ...item('reddit', 't3_rfl001', 'First Rust driver merged into the Linux kernel', 4, [[3, 900, 120], [2, 2400, 300], [1, 5100, 620], [0, 7600, 800]]),
  ...item('reddit', 't3_rfl002', 'Why the Linux kernel is adopting Rust drivers', 2, [[1, 300, 40], [0, 1200, 160]]),
  ...item('github', 'Rust-for-Linux/linux', 'Rust-for-Linux/linux', 40, [[30, 4100, 0], [6, 4300, 0], [0, 4900, 0]], 'Adding support for the Rust language to the Linux kernel.'),
];

export const webgpu: Observation[] = [
  ...item('hackernews', '41000010', 'WebGPU ships in Firefox 141', 6, [[1, 300, 120]]),
  ...item('reddit', 't3_wgp001', 'Firefox finally ships WebGPU on Windows', 5, [[3, 400, 50], [0, 1500, 210]]),
  ...item('hackernews', '41000011', 'WebGPU compute shaders in Firefox are fast now', 2, [[0, 90, 25]]),
];

export const postgres: Observation[] = [
  ...item('hackernews', '41000020', 'PostgreSQL 18 released with async I/O', 30, [[28, 200, 60], [20, 500, 180]]),
  ...item('hackernews', '41000021', 'Benchmarking async I/O in PostgreSQL 18', 28, [[20, 80, 20]]),
];

export const oneOffs: Observation[] = [
  ...item('reddit', 't3_cat001', 'My cat adopted a duckling and now they nap together', 3, [[0, 9000, 300]]),
  ...item('reddit', 't3_lsg001', "Grandma's lasagna recipe, finally written down", 10, [[5, 2000, 150]]),
  ...item('hackernews', '41000030', 'The economics of container shipping', 12, [[6, 150, 80]]),
  ...item('hackernews', '41000031', 'A visual introduction to Fourier transforms', 8, [[4, 220, 40]]),
  ...item('github', 'someone/pixel-garden', 'someone/pixel-garden', 20, [[0, 1200, 0]], 'A cozy pixel art gardening game for the terminal'),
  ...item('reddit', 't3_mtn001', 'Sunrise over the Dolomites this morning', 6, [[2, 3000, 90]]),
  ...item('hackernews', '41000032', 'Ask HN: How do you keep a side project going?', 9, [[3, 40, 70]]),
  ...item('reddit', 't3_nba001', 'Lakers win in double overtime thriller', 7, [[1, 6000, 1500]]),
  ...item('github', 'acme/invoice-parser', 'acme/invoice-parser', 50, [[24, 800, 0], [0, 820, 0]], 'Extract line items from PDF invoices'),
  ...item('hackernews', '41000033', 'Show HN: A tiny SQLite browser for the terminal', 4, [[1, 60, 12]]),
  ...item('reddit', 't3_jwl001', 'Found this old pocket watch in the attic', 15, [[8, 700, 45]]),
  ...item('hackernews', '41000034', 'Rust web framework benchmarks, 2026 edition', 5, [[2, 70, 30]]),
];

export const fixture: Observation[] = [...rustForLinux, ...webgpu, ...postgres, ...oneOffs];
