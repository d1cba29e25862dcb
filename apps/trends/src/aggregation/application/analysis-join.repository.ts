import type { JoinedAnalysis } from '../domain/joined-analysis.js';

export const ANALYSIS_JOIN_REPOSITORY = Symbol('AnalysisJoinRepository');

/** Holds each article's analyses until both have arrived. */
export interface AnalysisJoinRepository {
  /** Stores one half (idempotently) and returns the join as it stands after the write. */
  saveHalf(articleId: string, half: Partial<Omit<JoinedAnalysis, 'articleId'>>): Promise<JoinedAnalysis>;
  markCounted(articleId: string, at: Date): Promise<void>;
}
