import type { Post } from '../posts/canonical.ts';
import { mulberry32 } from './logistic.ts';

/**
 * Deterministic synthetic posts with planted signals, for tests and demos: titles that
 * contain "rust" and links to github.com draw about e^1.2 and e^0.8 times the likes; all
 * else is noise. A model that works must find both.
 */
export function syntheticPosts(n: number, seed = 1, platform = 'hackernews'): Post[] {
  const rand = mulberry32(seed);
  const filler = 'new tool app data web cloud design guide story notes ideas team build open fast tiny world life code system study'.split(' ');
  const domains = ['github.com', 'example.com', 'blog.example.org', 'news.example.net'];
  const start = Date.UTC(2024, 0, 1);
  const posts: Post[] = [];
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 3 + Math.floor(rand() * 5) }, () => filler[Math.floor(rand() * filler.length)]!);
    const planted = rand() < 0.25;
    if (planted) words.splice(Math.floor(rand() * words.length), 0, 'rust');
    const domain = domains[Math.floor(rand() * domains.length)]!;
    const noise = (rand() + rand() + rand() - 1.5) * 1.2;
    const logLikes = 2 + (planted ? 1.2 : 0) + (domain === 'github.com' ? 0.8 : 0) + noise;
    posts.push({
      id: String(1000 + i),
      platform,
      author: `user${Math.floor(rand() * 40)}`,
      text: words.join(' '),
      url: `https://${domain}/post/${i}`,
      publishedAt: new Date(start + i * 3_600_000 * 3 + Math.floor(rand() * 3_600_000)).toISOString(),
      likes: Math.max(0, Math.round(Math.exp(logLikes))),
      comments: Math.floor(rand() * 10),
      shares: null,
      views: null,
    });
  }
  return posts;
}
