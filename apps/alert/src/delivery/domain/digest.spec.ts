import { describe, expect, it } from '@jest/globals';
import type { AlertDraft } from '../../rules/domain/alert.js';
import type { Delivery } from './delivery.js';
import { DIGEST_MAX_ALERTS, digestMessageId, digestPeriodEnd, planSends, waitsForDigest } from './digest.js';
import { SLACK_LIMITS, renderSlackDigest } from './slack-message.js';

const delivery = (i: number, over: Partial<Delivery> = {}): Delivery => ({
  deliveryId: `alert-${i}:dest`,
  alertId: `alert-${i}`,
  destinationId: 'dest',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: new Date(0),
  leaseUntil: new Date(0),
  deliveredAt: null,
  lastError: null,
  batched: false,
  ...over,
});

const alert = (i: number, explanation = 'Coverage rose.'): AlertDraft => ({
  alertId: `alert-${i}`,
  ruleId: 'r',
  topicId: 'bars',
  kind: 'spike',
  raisedAt: '2026-12-01T10:00:00.000Z',
  title: `Spike ${i}`,
  explanation,
  articleIds: ['a'.repeat(32)],
  details: null,
  destinationIds: ['dest'],
});

describe('digest planning', () => {
  it('ends a period on the next UTC multiple of its length', () => {
    expect(digestPeriodEnd(15, new Date('2026-12-01T10:07:00Z')).toISOString()).toBe('2026-12-01T10:15:00.000Z');
    expect(digestPeriodEnd(15, new Date('2026-12-01T10:15:00Z')).toISOString()).toBe('2026-12-01T10:30:00.000Z');
    expect(digestPeriodEnd(1440, new Date('2026-12-01T23:59:00Z')).toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });

  it('holds only new deliveries of a destination with a digest period', () => {
    expect(waitsForDigest({ digestMinutes: 60 }, delivery(1))).toBe(true);
    expect(waitsForDigest({ digestMinutes: 60 }, delivery(1, { batched: true }))).toBe(false);
    expect(waitsForDigest({ digestMinutes: 60 }, delivery(1, { attempts: 2 }))).toBe(false);
    expect(waitsForDigest({}, delivery(1))).toBe(false);
  });

  it('sends held deliveries together and the others alone, below the backlog', () => {
    const due = [delivery(1, { batched: true }), delivery(2), delivery(3, { batched: true })];
    const { digests, singles } = planSends(due, 10);
    expect(digests.map((d) => d.map((x) => x.alertId))).toEqual([['alert-1', 'alert-3']]);
    expect(singles.map((x) => x.alertId)).toEqual(['alert-2']);
  });

  it('sends a lone held delivery as a single message', () => {
    expect(planSends([delivery(1, { batched: true }), delivery(2)], 10)).toEqual({
      digests: [],
      singles: [delivery(1, { batched: true }), delivery(2)],
    });
  });

  it('turns a backlog into digests of at most DIGEST_MAX_ALERTS', () => {
    const due = Array.from({ length: DIGEST_MAX_ALERTS * 2 + 1 }, (_, i) => delivery(i));
    const { digests, singles } = planSends(due, 10);
    expect(digests.map((d) => d.length)).toEqual([DIGEST_MAX_ALERTS, DIGEST_MAX_ALERTS]);
    expect(singles).toHaveLength(1);
  });

  it('gives the same deliveries the same message id in any order', () => {
    const a = digestMessageId([delivery(1), delivery(2)]);
    expect(digestMessageId([delivery(2), delivery(1)])).toBe(a);
    expect(digestMessageId([delivery(1), delivery(3)])).not.toBe(a);
  });
});

describe('renderSlackDigest', () => {
  it('stays within Block Kit limits for many long alerts, with a fallback text', () => {
    const alerts = Array.from({ length: 40 }, (_, i) => alert(i, 'x'.repeat(10_000)));
    const message = renderSlackDigest(alerts, { articleUrl: (id) => `https://monitor.example/a/${id}` });
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    expect(message.text).toMatch(/^40 alerts: Spike 0; Spike 1/);
    for (const block of message.blocks as Array<{ type: string; text?: { text: string } }>)
      if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    const context = message.blocks.at(-1) as { elements: Array<{ text: string }> };
    expect(context.elements[0]!.text).toMatch(/and \d+ more alerts/);
  });

  it('escapes article text that looks like Slack markup', () => {
    const message = renderSlackDigest([alert(1, '<!channel> & <https://evil.example|click>')], {
      articleUrl: () => null,
    });
    const section = message.blocks.find((b) => (b as { type: string }).type === 'section') as {
      text: { text: string };
    };
    expect(section.text.text).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
  });
});
