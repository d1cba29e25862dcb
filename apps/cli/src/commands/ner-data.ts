import { join } from 'node:path';
import { repositoryRoot } from '@media-monitor/local-infra';

/** The shared data folder: MEDIA_MONITOR_DATA_DIR, else ../shared/data beside the repository. */
export function sharedDataDir(): string {
  return process.env['MEDIA_MONITOR_DATA_DIR'] ?? join(repositoryRoot(), '..', 'shared', 'data');
}

/** Deterministic 80/20 split of the factRuEval devset by document: every fifth id (sorted) is held out. */
export function isHeldOutDocument(index: number): boolean {
  return index % 5 === 4;
}
