import { join } from 'node:path';
import { repositoryRoot } from '@media-monitor/local-infra';

/** The shared data folder: MEDIA_MONITOR_DATA_DIR, else ../shared/data beside the repository. */
export function sharedDataDir(): string {
  return process.env['MEDIA_MONITOR_DATA_DIR'] ?? join(repositoryRoot(), '..', 'shared', 'data');
}

/** A figure on [0, 1] as printed by the sentiment commands. */
export function figure(x: number): string {
  return x.toFixed(4);
}
