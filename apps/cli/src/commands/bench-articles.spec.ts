import { describe, expect, it } from '@jest/globals';
import { benchmarkArticles } from './bench-articles.js';

describe('benchmarkArticles', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const articles = benchmarkArticles(500, now);

  it('makes distinct articles, so ingest accepts every one', () => {
    expect(new Set(articles.map((a) => a.url)).size).toBe(500);
    expect(new Set(articles.map((a) => a.body)).size).toBe(500);
  });

  it('is deterministic, so every replica count processes the same input', () => {
    expect(benchmarkArticles(500, now)).toEqual(articles);
  });

  it('names the BARS topic terms in every article and dates them within the last day', () => {
    for (const article of articles) {
      expect(article.body.toLowerCase()).toMatch(/territorial defence battalion|батальон территориальной обороны/);
      const age = now.getTime() - Date.parse(article.publishedAt);
      expect(age).toBeGreaterThan(0);
      expect(age).toBeLessThan(24 * 3_600_000);
    }
    expect(articles.filter((a) => a.language === 'ru')).toHaveLength(100);
  });
});
