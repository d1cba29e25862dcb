import type { StoryCandidate } from '../domain/story-decision.js';

export const STORY_INDEX = Symbol('StoryIndex');

/** LSH bands and story placements in the shared store, so every replica sees the same stories. */
export interface StoryIndex {
  /**
   * Stores the article's band keys and signature (idempotent) and returns the keys that were held
   * before, by other articles (or by this one, on a repeated placement): only those can lead to
   * a near-duplicate.
   */
  addBands(articleId: string, bandKeys: readonly string[], signature: string): Promise<string[]>;
  /** Other articles holding at least one of `bandKeys`, with their signature (story not read). */
  candidates(articleId: string, bandKeys: readonly string[], limit: number): Promise<StoryCandidate[]>;
  /** The recorded stories of these articles (those not yet placed are left out). */
  storiesOf(articleIds: readonly string[]): Promise<Map<string, string>>;
  /** Records the article's story unless one is recorded; returns the recorded one. */
  assign(articleId: string, storyId: string): Promise<string>;
  storyOf(articleId: string): Promise<string | undefined>;
}
