import type { EntitiesHalf, JoinedAnalysis, MatchedTopic, SentimentHalf } from '../domain/joined-analysis.js';

export const ANALYSIS_JOIN_REPOSITORY = Symbol('AnalysisJoinRepository');

/** Holds each article's analyses and which contribution sets it has counted. */
export interface AnalysisJoinRepository {
  /** Stores one half (idempotently) and returns the join as it stands after the write. */
  saveHalf(articleId: string, half: { entities: EntitiesHalf } | { sentiment: SentimentHalf }): Promise<JoinedAnalysis>;
  /** Adds topic versions found by a backfill; returns the join after the write. */
  addMatchedTopics(articleId: string, topics: readonly MatchedTopic[]): Promise<JoinedAnalysis>;
  /** Records that counting of these sets starts (a later attempt knows it is a retry). */
  markAttempting(articleId: string, sets: readonly string[]): Promise<void>;
  /**
   * Records the sets as counted and the buckets whose `inflight` lists hold the article, in one
   * write; `dropText` removes the article text once the read model holds what it needs.
   */
  markApplied(
    articleId: string,
    sets: readonly string[],
    releasing: readonly string[],
    dropText: boolean,
  ): Promise<void>;
  /** The article's id is gone from every bucket's `inflight` list. */
  markReleased(articleId: string): Promise<void>;
  /** Articles whose sets are marked but whose `inflight` entries may remain (the sweeper's work). */
  findReleasing(limit: number): Promise<Array<{ articleId: string; releasing: string[] }>>;
}
