import type { ArticleDetail, TopicEvidence } from '../api/pending-contracts.js';
import { segmentText, type TextMark, type TextSegment } from './highlight.js';

/** Title and body of an analysed article, split into highlighted segments. */
export interface EvidenceView {
  title: TextSegment[];
  body: TextSegment[];
  /** True when only the start of the body is known (the list's snippet), so later marks are missing. */
  partial: boolean;
  marks: number;
}

const SEPARATOR = '\n\n';

const toneText = (tone: { label: string; score: number } | undefined) =>
  tone ? ` · tone ${tone.label} (${tone.score.toFixed(2)})` : '';

/** The marks of an article: where each topic query matched and each entity was mentioned, with its tone. */
export function evidenceMarks(article: Pick<ArticleDetail, 'topics' | 'entities'>): TextMark[] {
  const marks: TextMark[] = [];
  for (const topic of article.topics ?? []) {
    for (const e of topic.evidence ?? []) marks.push(topicMark(topic.topicId, e));
  }
  for (const entity of article.entities ?? []) {
    for (const mention of entity.mentions ?? []) {
      const tone = mention.tone ?? entity.tone;
      marks.push({
        start: mention.start,
        end: mention.end,
        kind: 'entity',
        label: `${entity.name ?? entity.entityId} (${entity.entityId})${toneText(tone)}`,
        ...(tone ? { tone: tone.label } : {}),
        expected: mention.text,
      });
    }
  }
  return marks;
}

export function topicMark(topicId: string, e: TopicEvidence): TextMark {
  return { start: e.start, end: e.end, kind: 'topic', label: `topic ${topicId}: ${e.term}`, expected: e.matchedText };
}

/** Cuts segments at an offset, splitting the one that straddles it. */
function cutAt(segments: readonly TextSegment[], offset: number): [TextSegment[], TextSegment[]] {
  const before: TextSegment[] = [];
  const after: TextSegment[] = [];
  for (const s of segments) {
    if (s.end <= offset) before.push(s);
    else if (s.start >= offset) after.push(s);
    else {
      before.push({ ...s, text: s.text.slice(0, offset - s.start), end: offset });
      after.push({ ...s, text: s.text.slice(offset - s.start), start: offset });
    }
  }
  return [before, after];
}

/**
 * The article's text (title, blank line, body: what the analysis offsets point into) with its
 * evidence, split back into title and body for display. Without the body, the snippet stands in.
 */
export function evidenceView(
  article: ArticleDetail,
  marks: readonly TextMark[] = evidenceMarks(article),
): EvidenceView {
  const title = article.title ?? '';
  const text = article.text ?? `${title}${SEPARATOR}${article.body ?? article.snippet ?? ''}`;
  const titleEnd = text.startsWith(title) ? title.length : 0;
  const bodyStart = text.startsWith(SEPARATOR, titleEnd) ? titleEnd + SEPARATOR.length : titleEnd;
  const segments = segmentText(text, marks);
  const [head, rest] = cutAt(segments, titleEnd);
  const [, body] = cutAt(rest, bodyStart);
  return {
    title: head,
    body,
    partial: article.text === undefined && article.body === undefined,
    marks: segments.reduce((n, s) => n + (s.marks.length > 0 ? 1 : 0), 0),
  };
}
