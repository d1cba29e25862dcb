import { z } from 'zod';

/** Article ids are the first 32 hex chars of SHA-256 over the canonical URL. */
export const ArticleId = z.string().regex(/^[0-9a-f]{32}$/, 'article id must be 32 lowercase hex characters');
export const IsoDateTime = z.iso.datetime({ offset: true });
export const LanguageCode = z.string().regex(/^[a-z]{2}$/, 'language must be an ISO 639-1 code such as "en" or "ru"');
export const SourceRef = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(300).optional(),
});
export const AnalyzerRef = z.strictObject({ name: z.string().min(1), version: z.string().min(1) });
export const ToneLabel = z.enum(['negative', 'neutral', 'positive']);
export const Tone = z.strictObject({
  /** Tone on [-1, 1]. */
  score: z.number().min(-1).max(1),
  label: ToneLabel,
  /** Confidence on [0, 1]. */
  confidence: z.number().min(0).max(1),
});
export const EntityType = z.enum(['PER', 'ORG', 'LOC', 'MISC', 'UNIT']);

export type Tone = z.infer<typeof Tone>;
export type ToneLabel = z.infer<typeof ToneLabel>;
export type EntityType = z.infer<typeof EntityType>;
export type SourceRef = z.infer<typeof SourceRef>;
