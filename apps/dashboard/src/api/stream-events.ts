import type { AlertViewV1 } from '@media-monitor/contracts';
import type { AlertRaisedV1, ArticleAnalyzedV1, StreamEvent } from './contracts.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const strings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * One server-sent event of the topic stream (GET /v1/topics/{id}/stream): `event: article` carries
 * an article.analyzed.v1, `event: alert` an alert.raised.v1. Undefined for anything else or
 * anything unreadable (the page never trusts the stream's data beyond the fields it checks).
 */
export function parseStreamEvent(eventName: string, data: string): StreamEvent | undefined {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(body)) return undefined;
  if (eventName === 'article') {
    return typeof body['articleId'] === 'string' &&
      typeof body['publishedAt'] === 'string' &&
      isRecord(body['source']) &&
      typeof body['source']['id'] === 'string' &&
      strings(body['topicIds'])
      ? { kind: 'article', article: body as unknown as ArticleAnalyzedV1 }
      : undefined;
  }
  if (eventName === 'alert') {
    return typeof body['alertId'] === 'string' &&
      typeof body['title'] === 'string' &&
      typeof body['ruleId'] === 'string' &&
      typeof body['topicId'] === 'string' &&
      typeof body['raisedAt'] === 'string' &&
      strings(body['articleIds'])
      ? { kind: 'alert', alert: body as unknown as AlertRaisedV1 }
      : undefined;
  }
  return undefined;
}

/** An alert as it arrives on the stream, shown like a listed one until the list is loaded again. */
export function alertFromStream(alert: AlertRaisedV1): AlertViewV1 {
  return {
    alertId: alert.alertId,
    ruleId: alert.ruleId,
    topicId: alert.topicId,
    kind: alert.kind,
    raisedAt: alert.raisedAt,
    title: alert.title,
    explanation: typeof alert.explanation === 'string' ? alert.explanation : '',
    details: null,
    articleIds: alert.articleIds,
    deliveries: [],
  };
}

/** Prepends fresh items to a feed, without duplicates (by id), keeping at most `limit`. */
export function mergeFeed<T>(
  current: readonly T[],
  fresh: readonly T[],
  idOf: (item: T) => string,
  limit: number,
): T[] {
  const seen = new Set<string>();
  const merged: T[] = [];
  for (const item of [...fresh, ...current]) {
    const id = idOf(item);
    if (seen.has(id)) continue;
    seen.add(id);
    merged.push(item);
    if (merged.length >= limit) break;
  }
  return merged;
}
