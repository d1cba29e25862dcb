import { STORY_SIMILARITY, decodeSignature, estimatedSimilarity } from './near-duplicate.js';

/** An article that shares an LSH band with the one being placed. */
export interface StoryCandidate {
  articleId: string;
  /** Its encoded MinHash signature. */
  signature: string;
  /** Its story, once assigned; undefined while its own placement is in progress elsewhere. */
  storyId?: string;
}

export type StoryDecision =
  | { kind: 'decided'; storyId: string }
  /** Near-duplicates whose own placement is unfinished: wait for them, or settle with `settle()`. */
  | { kind: 'waiting'; pending: string[] };

/** Candidates that really are near-duplicates, most similar first (ties: smaller id first). */
export function verifiedCandidates(signature: Uint32Array, candidates: readonly StoryCandidate[]): StoryCandidate[] {
  return candidates
    .map((candidate) => ({
      candidate,
      similarity: estimatedSimilarity(signature, decodeSignature(candidate.signature)),
    }))
    .filter(({ similarity }) => similarity >= STORY_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity || a.candidate.articleId.localeCompare(b.candidate.articleId))
    .map(({ candidate }) => candidate);
}

/**
 * Places an article: it joins the story of its most similar near-duplicate whose story is known;
 * with no near-duplicate it starts its own story (its own id). Near-duplicates still being placed
 * (by another replica at the same moment, or left by a crash) make it wait.
 */
export function decideStory(articleId: string, verified: readonly StoryCandidate[]): StoryDecision {
  const placed = verified.find((candidate) => candidate.storyId !== undefined);
  if (placed) return { kind: 'decided', storyId: placed.storyId! };
  if (verified.length === 0) return { kind: 'decided', storyId: articleId };
  return { kind: 'waiting', pending: verified.map((candidate) => candidate.articleId) };
}

/**
 * After waiting in vain: the smallest id among the article and its unplaced near-duplicates. Two
 * articles placed at the same moment see each other and so pick the same id; one left by a crash
 * later joins the story through the stored bands of this one.
 */
export function settle(articleId: string, pending: readonly string[]): string {
  return [articleId, ...pending].sort()[0]!;
}
