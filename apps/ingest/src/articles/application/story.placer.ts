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
  /**
   * Placements sharing a band key run one at a time in this process (so near-duplicates posted
   * together never wait for each other); placements with no key in common run in parallel. Only
   * other replicas can place a near-duplicate at the same moment.
   */
  private readonly serial = new KeySerializer();

  constructor(
    @Inject(STORY_INDEX) private readonly index: StoryIndex,
    @Inject(STORY_PLACER_OPTIONS) private readonly options: StoryPlacerOptions,
  ) {}

  /** `fresh`: the article was stored just now, so no earlier attempt can have placed it. */
  async place(article: Article, { fresh = false }: { fresh?: boolean } = {}): Promise<string> {
    if (article.storyId) return article.storyId;
    if (!fresh) {
      const known = await this.index.storyOf(article.articleId);
      if (known) return known;
    }
    if (article.bandKeys.length === 0) return this.index.assign(article.articleId, article.articleId);
    return this.exclusive([...new Set(article.bandKeys)].sort(), () => this.placeNow(article));
  }

  /** Runs `task` holding every key; keys are taken in sorted order, so no two tasks deadlock. */
  private exclusive<T>(keys: readonly string[], task: () => Promise<T>, from = 0): Promise<T> {
    if (from === keys.length) return task();
    return this.serial.run(keys[from]!, () => this.exclusive(keys, task, from + 1));
  }

  private async placeNow(article: Article): Promise<string> {
    const { articleId, bandKeys } = article;
    // Bands first, then the look-up: of two near-duplicates placed at once, at least one sees the other.
    const shared = await this.index.addBands(articleId, bandKeys, article.signature);
    const signature = decodeSignature(article.signature);
    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      // Signatures first: only the stories of real near-duplicates are read.
      const verified = verifiedCandidates(signature, await this.index.candidates(articleId, shared, MAX_CANDIDATES));
      const stories = verified.length > 0 ? await this.index.storiesOf(verified.map((c) => c.articleId)) : new Map();
      const decision = decideStory(
        articleId,
        verified.map((c) => (stories.has(c.articleId) ? { ...c, storyId: stories.get(c.articleId)! } : c)),
      );
      if (decision.kind === 'decided') return this.index.assign(articleId, decision.storyId);
      if (Date.now() >= deadline) return this.index.assign(articleId, settle(articleId, decision.pending));
      await sleep(this.options.pollMs);
    }
  }
}
