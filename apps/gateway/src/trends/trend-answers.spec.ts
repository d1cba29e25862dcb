import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { SeriesTrendResponseV1 } from '@media-monitor/contracts';
import type { GatewayConfig } from '../gateway.config.js';
import { EncodedBody } from '../http/encoded-body.js';
import { EVICT_AGAIN_AFTER_EVENT_MS, SETTLED_AFTER_MS, TrendAnswers, isSettled } from './trend-answers.js';

const HOUR = 3_600_000;
const TO = Date.parse('2026-11-25T03:00:00.000Z');

/** A three-hour topic answer ending at TO; `backlog` marks its last bucket incomplete for a backlog. */
function answer(backlog = false): SeriesTrendResponseV1 {
  return {
    series: { kind: 'topic', id: 'bars' },
    interval: 'hour',
    timeZone: 'UTC',
    from: new Date(TO - 3 * HOUR).toISOString(),
    to: new Date(TO).toISOString(),
    topicVersion: 1,
    notes: [],
    points: [0, 1, 2].map((i) => {
      const incomplete =
        backlog && i === 2
          ? [
              {
                kind: 'backlog' as const,
                from: new Date(TO - HOUR).toISOString(),
                to: new Date(TO).toISOString(),
                detail: '3 message(s) wait',
              },
            ]
          : i === 0
            ? [
                {
                  kind: 'outage' as const,
                  sourceId: 'wire',
                  from: new Date(TO - 3 * HOUR).toISOString(),
                  to: new Date(TO - 2 * HOUR).toISOString(),
                  detail: 'wire: outage',
                },
              ]
            : [];
      return {
        bucketStart: new Date(TO - (3 - i) * HOUR).toISOString(),
        localStart: new Date(TO - (3 - i) * HOUR).toISOString(),
        articles: 1,
        stories: 1,
        publishers: 1,
        toneSum: 0,
        toneCount: 1,
        toneAvg: 0,
        positive: 0,
        negative: 0,
        neutral: 1,
        normalisedVolume: 0.5,
        articlesUrl: '/v1/articles',
        complete: incomplete.length === 0,
        incomplete,
      };
    }),
  };
}

const config = { TREND_CACHE_MS: 1_000, TREND_CACHE_STALE_MS: 0, TREND_CACHE_SETTLED_MS: 30_000 } as GatewayConfig;

describe('isSettled', () => {
  it('settles an answer whose range ended SETTLED_AFTER_MS before the query, outages and all', () => {
    expect(isSettled(answer(), TO + SETTLED_AFTER_MS)).toBe(true);
    expect(isSettled(answer(), TO + SETTLED_AFTER_MS - 1)).toBe(false);
  });

  it('does not settle an answer that shows a backlog (it changes as the pipeline drains)', () => {
    expect(isSettled(answer(true), TO + 3_600_000)).toBe(false);
  });
});

describe('TrendAnswers', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  const loader = () => {
    let loads = 0;
    return {
      get loads() {
        return loads;
      },
      load: (backlog: boolean) => async () => {
        loads += 1;
        return { answer: answer(backlog), body: new EncodedBody('{}') };
      },
    };
  };

  it('keeps settled answers TREND_CACHE_SETTLED_MS and the others TREND_CACHE_MS', async () => {
    let now = TO + 60_000;
    const answers = new TrendAnswers(config, () => now);
    const upstream = loader();
    await answers.get('settled', upstream.load(false));
    await answers.get('backlog', upstream.load(true));
    now += 29_000;
    expect(answers.peek('settled')).toBeDefined();
    expect(answers.peek('backlog')).toBeUndefined();
    await answers.get('settled', upstream.load(false));
    expect(upstream.loads).toBe(2);
    now += 1_000;
    expect(answers.peek('settled')).toBeUndefined();
  });

  it('drops every answer on a collection or topic event, and again once trends has had time to record it', async () => {
    jest.useFakeTimers({ now: TO + 60_000 });
    const answers = new TrendAnswers(config);
    const upstream = loader();
    await answers.get('a', upstream.load(false));
    answers.completenessOrTopicChanged();
    expect(answers.peek('a')).toBeUndefined();
    await answers.get('a', upstream.load(false)); // may predate trends recording the change
    expect(answers.peek('a')).toBeDefined();
    jest.advanceTimersByTime(EVICT_AGAIN_AFTER_EVENT_MS);
    expect(answers.peek('a')).toBeUndefined();
    expect(upstream.loads).toBe(2);
  });
});
