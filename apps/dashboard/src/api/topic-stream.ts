import { segment } from '../lib/safe-url.js';
import type { AlertRaisedV1, ArticleAnalyzedV1 } from './contracts.js';
import { parseStreamEvent } from './stream-events.js';

/** How live updates arrive: over the event stream, by polling where the server has none, or not yet. */
export type LiveMode = 'connecting' | 'stream' | 'polling';

export interface TopicStreamHandlers {
  /** A new analysed article of the topic (ids, source and tone; the title comes from the article route). */
  onArticle: (article: ArticleAnalyzedV1) => void;
  onAlert: (alert: AlertRaisedV1) => void;
  onMode: (mode: LiveMode, detail: string) => void;
}

const EVENT_NAMES = ['article', 'alert'];

/**
 * Follows a topic's server-sent events (GET /v1/topics/{id}/stream). EventSource cannot send
 * headers, so the API key travels as the route's `access_token` query parameter. When the
 * server refuses the stream (no such route, or an answer that is not an event stream) the
 * connection closes for good and the caller is told to poll instead; transient network errors
 * are retried by EventSource itself. Returns the function that stops it.
 */
export function followTopic(topicId: string, apiKey: string, handlers: TopicStreamHandlers): () => void {
  if (typeof EventSource === 'undefined') {
    handlers.onMode('polling', 'this browser has no EventSource');
    return () => undefined;
  }
  const url = `/v1/topics/${segment(topicId)}/stream?access_token=${encodeURIComponent(apiKey)}`;
  const source = new EventSource(url);
  let opened = false;
  handlers.onMode('connecting', 'connecting to the event stream');
  source.onopen = () => {
    opened = true;
    handlers.onMode('stream', 'live over the event stream');
  };
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      handlers.onMode(
        'polling',
        opened
          ? 'the event stream closed; polling instead'
          : 'this server has no event stream for topics; polling instead',
      );
    } else if (opened) {
      handlers.onMode('connecting', 'the event stream broke; reconnecting');
    }
  };
  const listener = (event: MessageEvent<string>) => {
    const parsed = parseStreamEvent(event.type, event.data);
    if (parsed?.kind === 'article') handlers.onArticle(parsed.article);
    if (parsed?.kind === 'alert') handlers.onAlert(parsed.alert);
  };
  for (const name of EVENT_NAMES) source.addEventListener(name, listener as EventListener);
  return () => source.close();
}
