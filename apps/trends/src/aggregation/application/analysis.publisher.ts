import type { CompleteAnalysis } from '../domain/joined-analysis.js';

export const ANALYSIS_PUBLISHER = Symbol('AnalysisPublisher');

export interface AnalysisPublisher {
  publishAnalyzed(analysis: CompleteAnalysis, analyzedAt: Date): Promise<void>;
}
