import type { ArticleDetail, Tone } from '@media-monitor/contracts';
import { topicVersionKey, type CompleteAnalysis } from '../../aggregation/domain/joined-analysis.js';

const HOUR_MS = 3_600_000;

/** The start of the UTC hour of an instant: the key a listing reads records by. */
export function startOfHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** Characters of the body kept as the snippet. */
export const SNIPPET_CHARS = 300;
/** Longest sentence kept as the evidence of an entity's tone. */
const SENTENCE_CHARS = 600;

/** The snippet: the start of the body (after the title and blank line), cut at a word. */
export function snippetOf(text: string, title: string): string {
  const body = text.startsWith(`${title}\n\n`) ? text.slice(title.length + 2) : text;
  if (body.length <= SNIPPET_CHARS) return body;
  const cut = body.slice(0, SNIPPET_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > SNIPPET_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

/** The article as the read model stores it, with the evidence behind its topics and entity tones. */
export function articleDetailOf(analysis: CompleteAnalysis): ArticleDetail {
  const { text, sentiment } = analysis;
  const sentenceText = (index: number): string | undefined => {
    const s = sentiment.sentences.find((x) => x.index === index);
    return s ? text.slice(s.start, s.end).trim().slice(0, SENTENCE_CHARS) : undefined;
  };
  const tones = new Map(sentiment.entities.map((e) => [e.entityId, e]));
  return {
    articleId: analysis.articleId,
    url: analysis.url,
    title: analysis.title,
    snippet: snippetOf(text, analysis.title),
    source: analysis.source,
    language: analysis.language,
    publishedAt: new Date(analysis.publishedAt).toISOString(),
    storyId: analysis.storyId,
    tone: analysis.tone,
    topics: analysis.topics.map((t) => ({
      topicId: t.topicId,
      version: t.version,
      matched: t.matched,
      evidence: t.evidence,
    })),
    entityIds: analysis.entityIds,
    entities: analysis.entities.map((e) => {
      const toned = tones.get(e.entityId);
      return {
        entityId: e.entityId,
        name: e.name,
        type: e.type,
        ...(toned ? { tone: toned.tone } : {}),
        mentions: e.mentions.map((m) => {
          const mention = toned?.mentions.find((x) => x.start === m.start && x.end === m.end);
          const sentence = mention ? sentenceText(mention.sentenceIndex) : undefined;
          return {
            text: m.text,
            start: m.start,
            end: m.end,
            ...(mention ? { tone: mention.tone as Tone } : {}),
            ...(sentence ? { sentence } : {}),
          };
        }),
      };
    }),
  };
}

/** The topic-version keys (`bars@2`) an article is listed under. */
export function topicKeysOf(topics: ReadonlyArray<{ topicId: string; version: number }>): string[] {
  return [...new Set(topics.map((t) => topicVersionKey(t.topicId, t.version)))];
}

/** Cursors are opaque to clients: base64url of `<publishedAt ms>.<article id>`. */
export function encodeCursor(publishedAt: Date, articleId: string): string {
  return Buffer.from(`${publishedAt.getTime()}.${articleId}`).toString('base64url');
}

export function decodeCursor(cursor: string): { publishedAt: Date; articleId: string } | undefined {
  const match = /^(-?\d{1,15})\.([0-9a-f]{32})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2]) return undefined;
  return { publishedAt: new Date(Number(match[1])), articleId: match[2] };
}
