import { describe, expect, it } from '@jest/globals';
import type { AlertDraft } from '../../rules/domain/alert.js';
import { SLACK_LIMITS, escapeMrkdwn, renderSlackMessage, truncate } from './slack-message.js';

const alert = (over: Partial<AlertDraft> = {}): AlertDraft => ({
  alertId: 'f'.repeat(32),
  ruleId: 'bars-volume',
  topicId: 'bars',
  kind: 'spike',
  raisedAt: '2026-11-25T10:00:00.000Z',
  title: 'BARS volume: coverage spike',
  explanation: 'Coverage rose to 142 articles <against> 48 expected & more.',
  articleIds: ['a'.repeat(32)],
  details: {
    statistic: '142 articles against 48.0 expected (robust z 4.1, threshold ±3.5)',
    metrics: { observed: 142, expected: 48 },
    baseline: 'median of the same 24 h window on the past 14 days',
    window: { from: '2026-11-24T10:00:00.000Z', to: '2026-11-25T10:00:00.000Z' },
    topSources: [{ id: 'tass.ru', articles: 30 }],
    topEntities: [{ id: 'per:new-official', articles: 12 }],
    sampleArticleIds: ['a'.repeat(32), 'b'.repeat(32)],
  },
  destinationIds: [],
  ...over,
});

type Block = { type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: unknown[] };
const texts = (blocks: object[]) =>
  (blocks as Block[]).flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)]);

describe('renderSlackMessage', () => {
  it('explains the alert: statistic, baseline, window, sources, entities and linked samples, with a fallback text', () => {
    const message = renderSlackMessage(alert(), { articleUrl: (id) => `https://m.example/a/${id}` });
    expect(message.text).toContain('142 articles against 48.0 expected');
    const all = texts(message.blocks).join('\n');
    for (const part of ['*Statistic*', '*Baseline*', '*Window*', 'tass.ru: 30', 'per:new-official: 12']) {
      expect(all).toContain(part);
    }
    expect(all).toContain(`<https://m.example/a/${'b'.repeat(32)}|${'b'.repeat(32)}>`);
    expect(all).toContain('&lt;against&gt; 48 expected &amp; more');
  });

  it('keeps every text within Slack limits however long the input', () => {
    const huge = alert({
      title: 'T'.repeat(500),
      explanation: 'x'.repeat(10_000),
      details: {
        ...alert().details!,
        statistic: 's'.repeat(5_000),
        baseline: 'b'.repeat(5_000),
        topSources: Array.from({ length: 400 }, (_, i) => ({ id: `source-${i}-${'n'.repeat(40)}`, articles: i })),
        topEntities: Array.from({ length: 400 }, (_, i) => ({ id: `entity-${i}`, articles: i })),
      },
    });
    const message = renderSlackMessage(huge, { articleUrl: () => null, maxListItems: 400 });
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    const blocks = message.blocks as Block[];
    expect(blocks[0]!.text!.text.length).toBe(SLACK_LIMITS.headerText);
    for (const block of blocks.filter((b) => b.type === 'section')) {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
      expect((block.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
    }
    expect(texts(message.blocks).join('\n')).toMatch(/… and \d+ more/);
  });

  it('renders an instant match without details, showing ids when no link template is set', () => {
    const message = renderSlackMessage(alert({ kind: 'instant-match', details: null }), { articleUrl: () => null });
    expect(texts(message.blocks).join('\n')).toContain(`• ${'a'.repeat(32)}`);
    expect(message.text).toContain('Coverage rose');
  });

  it('truncates with an ellipsis and escapes mrkdwn control characters', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(escapeMrkdwn('<a & b>')).toBe('&lt;a &amp; b&gt;');
  });
});
