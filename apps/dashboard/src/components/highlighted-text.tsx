import type { TextSegment } from '../lib/highlight.js';

/**
 * Text with its evidence highlighted. Every segment is a React text child, so the article's own
 * characters (markup included) are shown as characters and never parsed as HTML.
 */
export function HighlightedText({ segments }: { segments: readonly TextSegment[] }) {
  return (
    <>
      {segments.map((s) => {
        if (s.marks.length === 0) return <span key={s.start}>{s.text}</span>;
        const topic = s.marks.some((m) => m.kind === 'topic');
        const entity = s.marks.find((m) => m.kind === 'entity');
        const classes = [
          'mark',
          topic ? 'mark-topic' : '',
          entity ? `mark-entity tone-${entity.tone ?? 'unknown'}` : '',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <mark key={s.start} className={classes} title={s.marks.map((m) => m.label).join('\n')}>
            {s.text}
          </mark>
        );
      })}
    </>
  );
}
