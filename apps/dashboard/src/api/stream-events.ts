import type { AlertViewV1 } from '@media-monitor/contracts';
import type { ArticleSummary, StreamEvent } from './pending-contracts.js';

const ARTICLE_TYPES = new Set(['article', 'article.analyzed', 'article.analyzed.v1']);
const ALERT_TYPES = new Set(['alert', 'alert.raised', 'alert.raised.v1']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One server-sent event of the topic stream, by its event name (or, for unnamed `message`
 * events, by a `type` field of the data); undefined for keep-alives and anything unreadable.
 */
export function parseStreamEvent(eventName: string, data: string): StreamEvent | undefined {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(body)) return undefined;
  const type = eventName === 'message' && typeof body['type'] === 'string' ? body['type'] : eventName;
  const inner = (name: string) => (isRecord(body[name]) ? body[name] : body);
  if (ARTICLE_TYPES.has(type)) {
    const article = inner('article');
    return typeof article['articleId'] === 'string' && typeof article['title'] === 'string'
      ? { kind: 'article', article: article as unknown as ArticleSummary }
      : undefined;
  }
  if (ALERT_TYPES.has(type)) {
    const alert = inner('alert');
    return typeof alert['alertId'] === 'string' && typeof alert['title'] === 'string'
      ? { kind: 'alert', alert: alert as unknown as AlertViewV1 }
      : undefined;
  }
  return undefined;
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
