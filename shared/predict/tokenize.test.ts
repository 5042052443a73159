import { describe, expect, it } from 'vitest';
import { domainOf, terms, tokenize } from './tokenize.ts';

describe('tokenize / terms / domainOf', () => {
  it('splits on non-alphanumerics and adds bigrams and shape tokens', () => {
    expect(tokenize('Show HN: Node.js in 2016, 10x faster')).toEqual(['show', 'hn', 'node', 'js', 'in', '2016', '10x', 'faster']);
    const t = terms('Top 10 tips (2014)');
    expect(t).toContain('top 10');
    expect(t).toContain('__num');
    expect(t).toContain('__year');
  });
  it('keeps letters of every script, and pairs the characters of unspaced Chinese and Japanese', () => {
    expect(tokenize('Mon résumé: München – Ｆｕｌｌ width')).toEqual(['mon', 'résumé', 'münchen', 'full', 'width']);
    expect(tokenize('人工知能の未来')).toEqual(['人工', '工知', '知能', '能の', 'の未', '未来']);
    expect(tokenize('Привет мир')).toEqual(['привет', 'мир']);
    expect(terms('机器学习').length).toBeGreaterThan(0);
  });
  it.each([
    ['https://www.github.com/a/b', 'github.com'],
    ['http://blog.example.org:8080/x?y', 'blog.example.org'],
    ['', ''],
    ['not a url', ''],
  ])('domainOf(%s) = %s', (url, d) => expect(domainOf(url)).toBe(d));
});
