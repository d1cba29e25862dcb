import type { StoryCandidate } from '../domain/story-decision.js';

export const STORY_INDEX = Symbol('StoryIndex');

/** LSH bands and story placements in the shared store, so every replica sees the same stories. */
export interface StoryIndex {
  /** Stores the article's band keys and signature (idempotent). */
  addBands(articleId: string, bandKeys: readonly string[], signature: string): Promise<void>;
  /** Other articles sharing at least one band, with their signature and story when placed. */
  candidates(articleId: string, bandKeys: readonly string[], limit: number): Promise<StoryCandidate[]>;
  /** Records the article's story unless one is recorded; returns the recorded one. */
  assign(articleId: string, storyId: string): Promise<string>;
  storyOf(articleId: string): Promise<string | undefined>;
}
