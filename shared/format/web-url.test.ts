import { describe, expect, it } from 'vitest';
import { webUrl } from './web-url.ts';

describe('webUrl', () => {
  it('passes web links and refuses everything that is not one', () => {
    expect(webUrl('https://x.com/rival/status/1')).toBe('https://x.com/rival/status/1');
    expect(webUrl('HTTP://example.org/a?b#c')).toBe('HTTP://example.org/a?b#c');
    for (const bad of ['java\tscript:alert(1)', 'https:alert(1)', 'https:///x', 'javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'file:///etc/passwd', '/relative', 'not a url', '', null, undefined]) {
      expect(webUrl(bad), String(bad)).toBeUndefined();
    }
  });
});
