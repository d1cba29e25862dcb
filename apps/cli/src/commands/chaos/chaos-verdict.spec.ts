import { describe, expect, it } from '@jest/globals';
import { POISON_MARKER, chaosVerdict, type ChaosObservations } from './chaos-verdict.js';

const clean: ChaosObservations = {
  sentUrls: ['u1', 'u2', 'u3'],
  listedUrls: ['u3', 'u1', 'u2'],
  bucketTotal: 3,
  poisonInjected: 2,
  deadLetters: [
    { code: 'messaging.invalid_payload', consumer: 'entity-articles', payloadPreview: `{"${POISON_MARKER}":1}` },
    { code: 'messaging.invalid_json', consumer: 'entity-articles', payloadPreview: `${POISON_MARKER} {` },
  ],
  alertArticleIds: ['a1'],
  deliveredAlerts: [{ alertId: 'r:a1', articleIds: ['a1'] }],
  recoverySeconds: { ingest: 2.5, 'nats-server': 4 },
};

describe('chaosVerdict', () => {
  it('passes a clean run and reports its figures', () => {
    expect(chaosVerdict(clean)).toMatchObject({
      sent: 3,
      stored: 3,
      lost: 0,
      doubleCounted: 0,
      deadLettered: 2,
      alertsExpected: 1,
      alertsDelivered: 1,
      maxRecoverySec: 4,
      ok: true,
      problems: [],
    });
  });

  it('fails loudly on a lost article, a double count, a repeated or missing alert and a real dead letter', () => {
    const verdict = chaosVerdict({
      ...clean,
      listedUrls: ['u1', 'u1', 'u2'],
      bucketTotal: 4,
      deadLetters: [
        ...clean.deadLetters,
        { code: 'x', consumer: 'trends-analysis', payloadPreview: '{"articleId":1}' },
      ],
      alertArticleIds: ['a1', 'a2'],
      deliveredAlerts: [
        { alertId: 'r:a1', articleIds: ['a1'] },
        { alertId: 'r:a1', articleIds: ['a1'] },
      ],
    });
    expect(verdict).toMatchObject({
      lost: 1,
      doubleCounted: 1 + 2,
      alertsDelivered: 1,
      alertsDuplicated: 1,
      ok: false,
    });
    expect(verdict.problems).toEqual([
      '1 of 3 articles lost',
      '1 articles stored more than once',
      'bucket total 4, expected 3 unique articles',
      '1 of 2 alerts not delivered',
      '1 alert deliveries repeated',
      '3 dead letters, 2 poison',
      '1 dead letters are not poison (real messages given up)',
    ]);
  });
});
