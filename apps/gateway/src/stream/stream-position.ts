/**
 * Where an SSE client is in the two streams it follows: the last stream sequence of analysed
 * articles and of alerts it was sent. The SSE event id is `<articles>-<alerts>`, so
 * `Last-Event-ID` resumes exactly after the last event the client saw.
 */
export interface StreamPosition {
  articles: number;
  alerts: number;
}

export function formatEventId(position: StreamPosition): string {
  return `${position.articles}-${position.alerts}`;
}

/** The position in a `Last-Event-ID` header, or undefined when it is absent or not one of ours. */
export function parseEventId(value: string | undefined): StreamPosition | undefined {
  const match = value ? /^(\d{1,15})-(\d{1,15})$/.exec(value.trim()) : null;
  if (!match?.[1] || !match[2]) return undefined;
  return { articles: Number(match[1]), alerts: Number(match[2]) };
}

/** One SSE frame: `id`, `event` and one `data` line (JSON has no raw newlines). */
export function sseFrame(id: string, event: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
