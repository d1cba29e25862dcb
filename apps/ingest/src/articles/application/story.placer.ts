import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { KeySerializer } from '@media-monitor/persistence';
import type { Article } from '../domain/article.js';
import { decodeSignature } from '../domain/near-duplicate.js';
import { decideStory, settle, verifiedCandidates } from '../domain/story-decision.js';
import { STORY_INDEX, type StoryIndex } from './story.index.js';

/** Articles sharing a band that are compared at most (a band hit by boilerplate is not a story). */
const MAX_CANDIDATES = 200;

export interface StoryPlacerOptions {
  /** How long a placement waits for near-duplicates placed at the same moment, in milliseconds. */
  waitMs: number;
  pollMs: number;
}

export const STORY_PLACER_OPTIONS = Symbol('StoryPlacerOptions');

/**
 * Gives an article its story id: the story of a near-duplicate (MinHash over word shingles, LSH
 * bands stored with unique keys) or its own id. Placements are recorded once per article, so a
 * redelivered or retried article always gets the same story id.
 */
@Injectable()
export class StoryPlacer {
  /** One placement at a time in this process: only other replicas can place concurrently. */
  private readonly serial = new KeySerializer();

  constructor(
    @Inject(STORY_INDEX) private readonly index: StoryIndex,
    @Inject(STORY_PLACER_OPTIONS) private readonly options: StoryPlacerOptions,
  ) {}

  async place(article: Article): Promise<string> {
    if (article.storyId) return article.storyId;
    const known = await this.index.storyOf(article.articleId);
    if (known) return known;
    if (article.bandKeys.length === 0) return this.index.assign(article.articleId, article.articleId);
    return this.serial.run('story', () => this.placeNow(article));
  }

  private async placeNow(article: Article): Promise<string> {
    const { articleId, bandKeys } = article;
    // Bands first, then the look-up: of two near-duplicates placed at once, at least one sees the other.
    await this.index.addBands(articleId, bandKeys, article.signature);
    const signature = decodeSignature(article.signature);
    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      const candidates = await this.index.candidates(articleId, bandKeys, MAX_CANDIDATES);
      const decision = decideStory(articleId, verifiedCandidates(signature, candidates));
      if (decision.kind === 'decided') return this.index.assign(articleId, decision.storyId);
      if (Date.now() >= deadline) return this.index.assign(articleId, settle(articleId, decision.pending));
      await sleep(this.options.pollMs);
    }
  }
}
