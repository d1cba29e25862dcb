import { describe, expect, it } from '@jest/globals';
import type { ArticleDetail } from '../api/contracts.js';
import { evidenceMarks, evidenceView } from './article-evidence.js';

const title = 'Бойцы «БАРС-Курск» ранены';
const body = 'Губернатор сообщил, что бойцы батальона БАРС-Курск ранены при обстреле.';
const text = `${title}\n\n${body}`;
const at = (needle: string, from = 0) => text.indexOf(needle, from);

const article: ArticleDetail = {
  articleId: 'a'.repeat(32),
  url: 'https://example.org/a',
  title,
  snippet: body,
  source: { id: 'demo-ru', name: 'Демо Новости' },
  language: 'ru',
  publishedAt: '2026-11-20T10:00:00Z',
  storyId: 'a'.repeat(32),
  tone: { score: -0.3, label: 'negative', confidence: 0.7 },
  entityIds: ['unit:bars-kursk'],
  topics: [
    {
      topicId: 'bars',
      version: 1,
      matched: ['entity:unit:bars-kursk'],
      evidence: [
        {
          term: 'entity:unit:bars-kursk',
          matchedText: 'БАРС-Курск',
          start: at('БАРС-Курск'),
          end: at('БАРС-Курск') + 10,
        },
        {
          term: 'entity:unit:bars-kursk',
          matchedText: 'БАРС-Курск',
          start: at('БАРС-Курск', 30),
          end: at('БАРС-Курск', 30) + 10,
        },
      ],
    },
  ],
  entities: [
    {
      entityId: 'unit:bars-kursk',
      name: 'BARS-Kursk',
      type: 'UNIT',
      tone: { score: -0.4, label: 'negative', confidence: 0.8 },
      mentions: [{ text: 'БАРС-Курск', start: at('БАРС-Курск', 30), end: at('БАРС-Курск', 30) + 10 }],
    },
  ],
};

describe('evidenceView', () => {
  it('highlights topic evidence and entity mentions in title and body, with the tone towards the entity', () => {
    const view = evidenceView(article);
    expect(view.title.map((s) => s.text).join('')).toBe(title);
    expect(view.body.map((s) => s.text).join('')).toBe(body);
    expect(view.title.find((s) => s.marks.length)?.text).toBe('БАРС-Курск');
    const bodyMark = view.body.find((s) => s.marks.length);
    expect(bodyMark?.text).toBe('БАРС-Курск');
    expect(bodyMark?.marks.map((m) => [m.kind, m.tone])).toEqual([
      ['topic', undefined],
      ['entity', 'negative'],
    ]);
    expect(bodyMark?.marks[1]?.label).toBe('BARS-Kursk (unit:bars-kursk) · tone negative (-0.40)');
    expect(view.partial).toBe(false);
    expect(view.beyond).toEqual([]);
  });

  it('lists the marks past a cut snippet instead of placing them', () => {
    const view = evidenceView({ ...article, snippet: 'Губернатор сообщил, что…' });
    expect(view.partial).toBe(true);
    expect(view.body.map((s) => s.text).join('')).toBe('Губернатор сообщил, что…');
    expect(view.body.every((s) => s.marks.length === 0)).toBe(true);
    expect(view.title.some((s) => s.marks.length > 0)).toBe(true);
    expect(view.beyond.map((m) => [m.kind, m.expected])).toEqual([
      ['topic', 'БАРС-Курск'],
      ['entity', 'БАРС-Курск'],
    ]);
  });

  it('keeps markup in titles and bodies as plain text', () => {
    const hostile: ArticleDetail = {
      ...article,
      title: '<img src=x onerror="window.__xss=1">',
      snippet: '<script>window.__xss=2</script>',
      topics: [],
      entities: [],
    };
    const view = evidenceView(hostile);
    expect(view.title).toEqual([{ text: hostile.title, start: 0, end: hostile.title.length, marks: [] }]);
    expect(view.body[0]?.text).toBe('<script>window.__xss=2</script>');
    expect(evidenceMarks(hostile)).toEqual([]);
  });
});
