import type { ArticleDetail, TopicEvidence } from '../api/contracts.js';
import { segmentText, type TextMark, type TextSegment } from './highlight.js';

/** Title and body of an analysed article, split into highlighted segments. */
export interface EvidenceView {
  title: TextSegment[];
  body: TextSegment[];
  /** True when the stored snippet is only the start of the body (it ends with an ellipsis). */
  partial: boolean;
  /** Segments with marks. */
  marks: number;
  /** The evidence past the end of the stored snippet: not placed in the text, listed instead. */
  beyond: TextMark[];
}

/** What the evidence needs of an article: its title, snippet (the start of the body), topics and entities. */
export type EvidenceSource = Pick<ArticleDetail, 'title' | 'snippet' | 'topics' | 'entities'>;

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
        label: `${entity.name} (${entity.entityId})${toneText(tone)}`,
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
 * The article's text as the analysis offsets count it (title, blank line, body), of which the
 * read model stores the title and the start of the body (the snippet), with its evidence, split
 * back into title and body for display. Marks past the stored text are returned in `beyond`.
 */
export function evidenceView(
  article: EvidenceSource,
  marks: readonly TextMark[] = evidenceMarks(article),
): EvidenceView {
  const title = article.title;
  const partial = article.snippet.endsWith('…');
  const text = `${title}${SEPARATOR}${article.snippet}`;
  // An ellipsis the service appended is not part of the article.
  const known = partial ? text.length - 1 : text.length;
  const within = marks.filter((m) => m.end <= known);
  const beyond = marks.filter((m) => m.end > known);
  const segments = segmentText(text, within);
  const [head, rest] = cutAt(segments, title.length);
  const [, body] = cutAt(rest, title.length + SEPARATOR.length);
  return {
    title: head,
    body,
    partial,
    marks: segments.reduce((n, s) => n + (s.marks.length > 0 ? 1 : 0), 0),
    beyond,
  };
}
